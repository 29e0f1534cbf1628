using System.Text.Json.Nodes;
using NJsonSchema;
using VideoStudio.Contracts;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// A model's input schema: the field facts the engine reads from the raw document (defaults, media limits), plus the
/// validator's parsed schema (NJsonSchema, never mutated afterwards, shared by all validations), parsed at load or,
/// for data already checked (<see cref="Parse"/>), on first use.
/// </summary>
public sealed class InputSchema
{
    // A JsonSchema, typed as object: a start that reads fields from the cache never names an NJsonSchema type, so the
    // runtime does not load NJsonSchema until a validation needs the parsed schema.
    private readonly Lazy<object> schema;

    private InputSchema(Lazy<object> schema, string text, JsonObject raw)
    {
        this.schema = schema;
        Text = text;
        Fields = FieldsOf(raw);
        FieldNames = Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Output = DeclaredOutput.Read(raw["x-output"] as JsonObject);
        Compiled = CompiledSchemaCheck.Compile(raw);
    }

    /// <summary>The validator's parsed schema.</summary>
    public JsonSchema Schema => (JsonSchema)schema.Value;

    /// <summary>The schema document exactly as the plugin ships it (what front ends render).</summary>
    public string Text { get; }

    /// <summary>Plain checks that prove an input valid without the validator's text round trip; null when the schema uses anything they do not mirror.</summary>
    internal CompiledSchemaCheck? Compiled { get; }

    /// <summary>The fields in form order.</summary>
    public IReadOnlyList<InputField> Fields { get; }

    /// <summary>The field names.</summary>
    public IReadOnlySet<string> FieldNames { get; }

    /// <summary>What the model returns (<c>x-output.kind</c> and <c>format</c>; an MP4 video when the schema says nothing).</summary>
    public DeclaredOutput Output { get; }

    /// <summary>Parses a schema file that has passed the input-schema profile, the validator's schema included.</summary>
    public static async Task<InputSchema> ParseAsync(string text, CancellationToken cancellationToken = default)
    {
        JsonSchema schema = await JsonSchema.FromJsonAsync(text, cancellationToken).ConfigureAwait(false);
        return new InputSchema(new Lazy<object>(schema), text, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>
    /// Reads the fields of a schema file known to have parsed before (see <c>Plugins.PluginValidationCache</c>); the
    /// validator's schema is parsed on first use.
    /// </summary>
    public static InputSchema Parse(string text) =>
        new(new Lazy<object>(() => ParseValidatorSchema(text), LazyThreadSafetyMode.ExecutionAndPublication), text, JsonNode.Parse(text)!.AsObject());

    // Apart, so that only calling it (not compiling Parse) loads NJsonSchema. The profile refuses $ref, so NJsonSchema
    // resolves nothing and its parse completes synchronously.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static JsonSchema ParseValidatorSchema(string text) => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();

    private static InputField[] FieldsOf(JsonObject raw)
    {
        var required = (raw["required"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        JsonObject properties = raw["properties"]!.AsObject();
        var order = (raw["x-order-properties"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToList();
        order.AddRange(properties.Select(p => p.Key).Where(k => !order.Contains(k)));
        return order
            .Where(properties.ContainsKey)
            .Select(name => ToField(name, properties[name]!.AsObject(), required.Contains(name)))
            .ToArray();
    }

    private static InputField ToField(string name, JsonObject p, bool required) => new(
        name,
        p["type"]!.GetValue<string>(),
        p["title"]?.GetValue<string>() ?? name,
        required,
        p["default"]?.DeepClone(),
        (p["enum"]?.AsArray() ?? []).Select(v => v?.DeepClone()).ToArray(),
        p["minimum"]?.GetValue<decimal>(),
        p["maximum"]?.GetValue<decimal>(),
        p["maxLength"]?.GetValue<int>(),
        p["x-media"] is JsonObject m ? ToMedia(m) : null,
        p["x-changes-nothing"] is JsonObject n ? new NoChangeValue(n["value"]!.GetValue<decimal>(), n["effect"]!.GetValue<string>(), n["fix"]!.GetValue<string>()) : null,
        p["description"]?.GetValue<string>());

    private static MediaConstraint ToMedia(JsonObject m) => new(
        Enum.Parse<MediaKind>(m["kind"]!.GetValue<string>(), ignoreCase: true),
        (m["formats"]?.AsArray() ?? []).Select(f => f!.GetValue<string>()).ToArray(),
        m["maxBytes"]?.GetValue<long>(),
        m["minSeconds"]?.GetValue<double>(),
        m["maxSeconds"]?.GetValue<double>(),
        m["maxWidth"]?.GetValue<int>(),
        m["maxHeight"]?.GetValue<int>(),
        m["provenance"]?.GetValue<string>(),
        m["aspectField"]?.GetValue<string>(),
        m["sameAspectAs"]?.GetValue<string>(),
        (m["aspectChoices"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToArray(),
        (m["against"] as JsonArray)?.OfType<JsonObject>().Select(ToComparison).ToArray());

    private static MediaComparison ToComparison(JsonObject c) => new(
        c["fact"]!.GetValue<string>(),
        c["field"]!.GetValue<string>(),
        c["when"]!.GetValue<string>(),
        c["tolerance"]?.GetValue<double>() ?? 0,
        (c["values"] as JsonObject)?.ToDictionary(v => v.Key, v => v.Value!.GetValue<double>(), StringComparer.Ordinal),
        c["code"]!.GetValue<string>(),
        c["at"]?.GetValue<string>() == "field",
        c["severity"]?.GetValue<string>() == "error" ? IssueSeverity.Error : IssueSeverity.Warning,
        c["effect"]!.GetValue<string>(),
        c["fix"]!.GetValue<string>());
}

using System.Text.Json.Nodes;
using NJsonSchema;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// A model's input schema: parsed once at plugin load (NJsonSchema, never mutated afterwards, shared by all
/// validations) plus the field facts the engine reads from the raw document (defaults, media limits).
/// </summary>
public sealed class InputSchema
{
    private InputSchema(JsonSchema schema, string text, IReadOnlyList<InputField> fields)
    {
        Schema = schema;
        Text = text;
        Fields = fields;
        FieldNames = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The validator's parsed schema.</summary>
    public JsonSchema Schema { get; }

    /// <summary>The schema document exactly as the plugin ships it (what front ends render).</summary>
    public string Text { get; }

    /// <summary>The fields in form order.</summary>
    public IReadOnlyList<InputField> Fields { get; }

    /// <summary>The field names.</summary>
    public IReadOnlySet<string> FieldNames { get; }

    /// <summary>Parses a schema file that has passed the input-schema profile.</summary>
    public static async Task<InputSchema> ParseAsync(string text, CancellationToken cancellationToken = default)
    {
        JsonSchema schema = await JsonSchema.FromJsonAsync(text, cancellationToken).ConfigureAwait(false);
        JsonObject raw = JsonNode.Parse(text)!.AsObject();
        var required = (raw["required"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        JsonObject properties = raw["properties"]!.AsObject();
        var order = (raw["x-order-properties"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToList();
        order.AddRange(properties.Select(p => p.Key).Where(k => !order.Contains(k)));
        var fields = order
            .Where(properties.ContainsKey)
            .Select(name => ToField(name, properties[name]!.AsObject(), required.Contains(name)))
            .ToArray();
        return new InputSchema(schema, text, fields);
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
        p["x-media"] is JsonObject m ? ToMedia(m) : null);

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
        (m["aspectChoices"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToArray());
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VideoStudio.Server.Http;

/// <summary>
/// Reads a request's <see cref="JsonObject"/> (a model input) refusing, at any depth, duplicate property names and
/// strings with an unpaired UTF-16 surrogate (which System.Text.Json parses but then cannot read) with a
/// <see cref="JsonException"/> (→ 400 naming the path). The built-in converter ignores
/// <c>AllowDuplicateProperties = false</c> for a JsonObject bound as a constructor argument and throws
/// <see cref="ArgumentException"/> instead, which escaped as a 500.
/// </summary>
public sealed class StrictJsonObjectConverter : JsonConverter<JsonObject>
{
    /// <inheritdoc />
    public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a JSON object.");
        }

        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        if (FirstProblem(document.RootElement, "$") is string problem)
        {
            throw new JsonException(problem);
        }

        return JsonNode.Parse(document.RootElement.GetRawText(), new JsonNodeOptions { PropertyNameCaseInsensitive = false })!.AsObject();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer, options);
    }

    private static string? FirstProblem(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!Readable(() => property.Name, out string name))
                    {
                        return $"Unpaired UTF-16 surrogate in '{path}'.";
                    }

                    string child = path + "." + name;
                    if (!names.Add(name))
                    {
                        return $"Duplicate property '{child}'.";
                    }

                    if (FirstProblem(property.Value, child) is string inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (FirstProblem(item, $"{path}[{i++}]") is string inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.String:
                return Readable(() => element.GetString()!, out _) ? null : $"Unpaired UTF-16 surrogate in '{path}'.";
            default:
                return null;
        }
    }

    // The reader unescapes lazily and throws InvalidOperationException on "\ud800" alone.
    private static bool Readable(Func<string> read, out string value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }
}

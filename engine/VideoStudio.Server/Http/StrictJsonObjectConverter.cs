using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VideoStudio.Server.Http;

/// <summary>
/// Reads a request's <see cref="JsonObject"/> (a model input) refusing duplicate property names at any depth with a
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
        if (FirstDuplicate(document.RootElement, "$") is string duplicate)
        {
            throw new JsonException($"Duplicate property '{duplicate}'.");
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

    private static string? FirstDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string child = path + "." + property.Name;
                    if (!names.Add(property.Name))
                    {
                        return child;
                    }

                    if (FirstDuplicate(property.Value, child) is string inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item, $"{path}[{i++}]") is string inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}

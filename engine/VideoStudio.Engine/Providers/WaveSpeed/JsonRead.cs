using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Lenient readers for provider JSON, whose field types are not guaranteed (numbers may arrive as strings).</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : node is JsonValue other && other.GetValueKind() == JsonValueKind.Number ? other.ToJsonString() : null;

    public static int? Int(JsonNode? node) =>
        Decimal(node) is decimal d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    public static decimal? Decimal(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            // One reader of JSON numbers for the engine; a number beyond decimal's range (1e300) is no usable amount.
            JsonValueKind.Number => JsonNumbers.TryGetDecimal(value, out decimal d) ? d : null,
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal s) => s,
            _ => null,
        };
    }

    public static DateTimeOffset? Time(JsonNode? node) =>
        String(node) is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(String).OfType<string>().ToArray() : [];
}

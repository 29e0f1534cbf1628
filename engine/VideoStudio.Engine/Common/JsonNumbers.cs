using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Common;

/// <summary>
/// Reads a JSON number as <see langword="decimal"/> whatever backs the node: parsed text, or a CLR int/double a
/// host put in a <see cref="JsonObject"/> (for which <c>TryGetValue&lt;decimal&gt;</c> returns false).
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Reads <paramref name="node"/> as a decimal when it is a JSON number.</summary>
    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

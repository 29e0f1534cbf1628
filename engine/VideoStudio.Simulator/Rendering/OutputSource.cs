using System.Text.Json.Nodes;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// Where one fact of an output comes from (schema <c>x-output</c>): an input field's value after defaults, a media
/// input (its length, size, frame rate or sound), or a fixed value. Exactly one of the three is set.
/// </summary>
internal sealed record OutputSource(string? Field, string? Media, JsonNode? Value)
{
    public static OutputSource Parse(JsonObject o) => new(
        o["field"]?.GetValue<string>(),
        o["media"]?.GetValue<string>(),
        o.TryGetPropertyValue("value", out JsonNode? v) ? v?.DeepClone() : null);
}

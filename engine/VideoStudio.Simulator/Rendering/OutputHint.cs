using System.Text.Json.Nodes;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// A model's output rules, read from the <c>x-output</c> key of its input schema (plugin data, checked by
/// <c>schemas/input-schema-profile.schema.json</c>) so the simulator needs no per-model code. Each fact is a list
/// of sources tried in order.
/// </summary>
internal sealed record OutputHint(
    string? Video,
    bool Extend,
    bool Cutout,
    string? Background,
    string? Still,
    IReadOnlyList<OutputSource> Seconds,
    IReadOnlyList<OutputSource> Size,
    IReadOnlyList<OutputSource> Resolution,
    IReadOnlyList<OutputSource> Aspect,
    IReadOnlyList<OutputSource> Fps,
    IReadOnlyList<OutputSource> Audio)
{
    /// <summary>A schema without <c>x-output</c>: a fixed-length clip with sound, at the defaults.</summary>
    public static OutputHint Default { get; } = new(null, false, false, null, null, [], [], [], [], [], [new OutputSource(null, null, JsonValue.Create(true))]);

    public static OutputHint Read(InputSchema schema)
    {
        if (JsonNode.Parse(schema.Text)?["x-output"] is not JsonObject o)
        {
            return Default;
        }

        return new OutputHint(
            o["video"]?.GetValue<string>(),
            o["extend"]?.GetValue<bool>() ?? false,
            o["cutout"]?.GetValue<bool>() ?? false,
            o["background"]?.GetValue<string>(),
            o["still"]?.GetValue<string>(),
            Sources(o, "seconds"),
            Sources(o, "size"),
            Sources(o, "resolution"),
            Sources(o, "aspect"),
            Sources(o, "fps"),
            Sources(o, "audio"));
    }

    /// <summary>
    /// Whether a request's output has an alpha channel: a cut-out (<c>cutout</c>) with no background image given, whose
    /// removed background is transparent.
    /// </summary>
    public bool TransparentFor(JsonObject input) =>
        Video is not null && Cutout && (Background is null || input[Background] is not JsonValue v || !v.TryGetValue(out string? url) || url.Length == 0);

    /// <summary>The media fields whose files the render needs.</summary>
    public IEnumerable<string> MediaFields() =>
        new[] { Video, Background, Still }.OfType<string>()
            .Concat(new[] { Seconds, Size, Resolution, Aspect, Fps, Audio }.SelectMany(s => s).Select(s => s.Media).OfType<string>())
            .Distinct(StringComparer.Ordinal);

    private static OutputSource[] Sources(JsonObject o, string name) =>
        (o[name] as JsonArray ?? []).OfType<JsonObject>().Select(OutputSource.Parse).ToArray();
}

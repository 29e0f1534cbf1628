using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// Turns a model's <see cref="OutputHint"/>, a normalized input (defaults filled) and the probed media into the
/// <see cref="OutputShape"/> to render. The first source of each fact that yields a value wins.
/// </summary>
internal static class OutputShapeResolver
{
    /// <summary>Frame rate when the model states none: low keeps outputs small and fast to make.</summary>
    public const int DefaultFps = 12;

    /// <summary>Length when nothing says otherwise (the bundled sample's).</summary>
    public const double DefaultSeconds = 5;

    public static OutputShape Resolve(ModelDefinition model, OutputHint hint, JsonObject input, IReadOnlyDictionary<string, MediaFacts> media)
    {
        MediaFacts? source = hint.Video is string v ? media.GetValueOrDefault(v) : null;
        MediaFacts? still = hint.Still is string s ? media.GetValueOrDefault(s) : null;
        double seconds = First(hint.Seconds, input, media, Number, m => m.Seconds) ?? DefaultSeconds;
        (int width, int height) = First(hint.Size, input, media, n => Text(n) is string t ? FrameSize.ParseSize(t) : null, m => m.Width is int w && m.Height is int h ? (w, h) : null)
            ?? FrameSize.FromTier(
                First(hint.Resolution, input, media, n => Text(n) is string t ? FrameSize.ParseTier(t) : null, m => m.Width is int w && m.Height is int h ? Math.Min(w, h) : null) ?? FrameSize.DefaultShortSide,
                First(hint.Aspect, input, media, n => Text(n) is string t ? FrameSize.ParseAspect(t) : null, m => m.Width is int w && m.Height is int h ? (double)w / h : null) ?? 16.0 / 9);
        int fps = (int)Math.Round(First(hint.Fps, input, media, Number, m => m.Fps) ?? DefaultFps);
        (AudioSource audio, MediaFacts? audioFile) = ResolveAudio(model, hint, input, media);
        string caption = Text(input["prompt"]) ?? string.Empty;
        MediaFacts? background = hint.Cutout && hint.Background is string b ? media.GetValueOrDefault(b) : null;
        return new OutputShape(model.Id, caption, seconds, width, height, Math.Clamp(fps, 1, 60), audio, audioFile, source, hint.Extend && source is not null, still, hint.Cutout && source is not null, background);
    }

    private static (AudioSource, MediaFacts?) ResolveAudio(ModelDefinition model, OutputHint hint, JsonObject input, IReadOnlyDictionary<string, MediaFacts> media)
    {
        foreach (OutputSource from in hint.Audio)
        {
            if (from.Field is string field && input[field] is JsonValue flag && flag.TryGetValue(out bool on))
            {
                return (on ? AudioSource.Generated : AudioSource.None, null);
            }

            if (from.Media is string name && media.GetValueOrDefault(name) is { } file && file.HasAudio)
            {
                bool isAudioInput = model.Schema.Fields.FirstOrDefault(f => f.Name == name)?.Media?.Kind == MediaKind.Audio;
                return (isAudioInput ? AudioSource.Media : AudioSource.SourceTrack, file);
            }

            if (from.Value is JsonValue fixedValue && fixedValue.TryGetValue(out bool always))
            {
                return (always ? AudioSource.Generated : AudioSource.None, null);
            }
        }

        return (AudioSource.None, null);
    }

    private static T? First<T>(IReadOnlyList<OutputSource> sources, JsonObject input, IReadOnlyDictionary<string, MediaFacts> media, Func<JsonNode?, T?> fromValue, Func<MediaFacts, T?> fromMedia)
        where T : struct
    {
        foreach (OutputSource from in sources)
        {
            T? found = from switch
            {
                { Field: string field } => fromValue(input[field]),
                { Media: string name } => media.GetValueOrDefault(name) is { } file ? fromMedia(file) : null,
                _ => fromValue(from.Value),
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d > 0 ? d : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;
}

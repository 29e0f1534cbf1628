using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// What a model returns, as its input schema declares it (<c>x-output.kind</c> and <c>format</c>): a video, an
/// image or an audio track, in a format of that kind, or text (<see cref="IsText"/>). A schema that says nothing
/// returns an MP4 video.
/// </summary>
/// <param name="Kind">The kind of the output.</param>
/// <param name="Format">Its format when the provider's URL does not name one of that kind.</param>
public sealed record DeclaredOutput(MediaKind Kind, MediaFormat Format)
{
    /// <summary>An MP4 video: what a schema without <c>x-output.kind</c> declares.</summary>
    public static DeclaredOutput Video { get; } = new(MediaKind.Video, MediaFormats.Mp4);

    /// <summary>Text (<c>x-output.kind</c> <c>text</c>): what a prompt optimizer returns.</summary>
    public static DeclaredOutput Text { get; } = new(MediaKind.Video, MediaFormats.Mp4) { IsText = true };

    /// <summary>
    /// True when the provider's output is the text itself rather than a file's URL: it is stored as a .txt file and
    /// shown as text (<see cref="Kind"/> and <see cref="Format"/> then describe no media and are not used).
    /// </summary>
    public bool IsText { get; init; }

    /// <summary>Reads <c>x-output</c>; throws <see cref="FormatException"/> naming the fix for a format that is unknown or of another kind.</summary>
    public static DeclaredOutput Read(JsonObject? output)
    {
        if (output?["kind"]?.GetValue<string>() == "text")
        {
            return Text;
        }

        MediaKind kind = output?["kind"]?.GetValue<string>() is string k ? Enum.Parse<MediaKind>(k, ignoreCase: true) : MediaKind.Video;
        if (output?["format"]?.GetValue<string>() is not string name)
        {
            return kind == MediaKind.Video ? Video : new DeclaredOutput(kind, MediaFormats.UsualFor(kind));
        }

        if (MediaFormats.ByName(name) is not { } format || format.Kind != kind)
        {
            string known = string.Join(", ", MediaFormats.All.Where(f => f.Kind == kind).Select(f => f.Name));
            throw new FormatException($"x-output.format '{name}' is not a known {kind.ToString().ToLowerInvariant()} format; use one of: {known}.");
        }

        return new DeclaredOutput(kind, format);
    }

    /// <summary>
    /// One provider output URL as this output: stored with the URL's own extension when it names a format of this
    /// kind (the provider knows what it made), else with the declared format's.
    /// </summary>
    public OutputItem ItemFor(string url)
    {
        var uri = new Uri(url);
        MediaFormat format = MediaFormats.ByExtension(uri.AbsolutePath) is { } named && named.Kind == Kind ? named : Format;
        return new OutputItem(uri, Kind, format.Extension);
    }
}

using VideoStudio.Contracts;

namespace VideoStudio.Engine.Common;

/// <summary>
/// The one table of media formats: name ↔ kind ↔ MIME type ↔ extension. The sniffer names what it finds with it,
/// uploads and downloads take their content types and extensions from it, outputs are stored and served by it, and
/// the simulator labels what it returns with it.
/// </summary>
public static class MediaFormats
{
    /// <summary>MP4 video, the usual video output.</summary>
    public static MediaFormat Mp4 { get; } = Video("mp4", "video/mp4", ".mp4", [".m4v"]);

    /// <summary>PNG image, the usual image output.</summary>
    public static MediaFormat Png { get; } = Image("png", "image/png", ".png");

    /// <summary>MP3 audio, the usual audio output.</summary>
    public static MediaFormat Mp3 { get; } = Audio("mp3", "audio/mpeg", ".mp3", otherTypes: ["audio/mp3"]);

    /// <summary>WAV audio.</summary>
    public static MediaFormat Wav { get; } = Audio("wav", "audio/wav", ".wav", otherTypes: ["audio/x-wav", "audio/wave", "audio/vnd.wave"]);

    /// <summary>Every known format.</summary>
    public static IReadOnlyList<MediaFormat> All { get; } =
    [
        Mp4,
        Video("mov", "video/quicktime", ".mov"),
        Video("webm", "video/webm", ".webm"),
        Video("mkv", "video/x-matroska", ".mkv"),
        Video("avi", "video/x-msvideo", ".avi"),
        Video("wmv", "video/x-ms-wmv", ".wmv"),
        Video("flv", "video/x-flv", ".flv"),
        Video("3gp", "video/3gpp", ".3gp"),
        Video("ogv", "video/ogg", ".ogv"),
        Mp3,
        Wav,
        Audio("m4a", "audio/mp4", ".m4a", otherTypes: ["audio/x-m4a"]),
        Audio("aac", "audio/aac", ".aac"),
        Audio("ogg", "audio/ogg", ".ogg", [".oga"]),
        Audio("opus", "audio/opus", ".opus"),
        Audio("flac", "audio/flac", ".flac", otherTypes: ["audio/x-flac"]),
        Image("jpeg", "image/jpeg", ".jpg", [".jpeg"], ["image/jpg"]),
        Png,
        Image("webp", "image/webp", ".webp"),
        Image("gif", "image/gif", ".gif"),
        Image("bmp", "image/bmp", ".bmp"),
        Image("tiff", "image/tiff", ".tiff", [".tif"]),
    ];

    private static readonly Dictionary<string, MediaFormat> Names = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, MediaFormat> Types = All
        .SelectMany(f => f.OtherContentTypes.Prepend(f.ContentType).Select(t => (Type: t, Format: f)))
        .ToDictionary(x => x.Type, x => x.Format, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, MediaFormat> Extensions = All
        .SelectMany(f => f.OtherExtensions.Prepend(f.Extension).Select(e => (Extension: e, Format: f)))
        .ToDictionary(x => x.Extension, x => x.Format, StringComparer.OrdinalIgnoreCase);

    /// <summary>The format named <paramref name="name"/> (e.g. <c>png</c>), or null.</summary>
    public static MediaFormat? ByName(string? name) => name is null ? null : Names.GetValueOrDefault(name);

    /// <summary>The format of a MIME type (parameters such as <c>; charset=</c> ignored), or null.</summary>
    public static MediaFormat? ByContentType(string? contentType) =>
        contentType is null ? null : Types.GetValueOrDefault(contentType.Split(';')[0].Trim());

    /// <summary>The format a file name or extension (<c>.png</c>, <c>out/x.png</c>) says, or null.</summary>
    public static MediaFormat? ByExtension(string? pathOrExtension) =>
        pathOrExtension is null ? null : Extensions.GetValueOrDefault(Path.GetExtension(pathOrExtension));

    /// <summary>
    /// The kind a MIME type names: from the table, else from its top-level type (<c>video/*</c>, <c>image/*</c>,
    /// <c>audio/*</c>); null for anything else (an HTML error page, JSON, octet-stream).
    /// </summary>
    public static MediaKind? KindOf(string? contentType)
    {
        if (ByContentType(contentType) is { } known)
        {
            return known.Kind;
        }

        string top = contentType?.Split('/')[0].Trim() ?? string.Empty;
        return top.ToLowerInvariant() switch
        {
            "video" => MediaKind.Video,
            "image" => MediaKind.Image,
            "audio" => MediaKind.Audio,
            _ => null,
        };
    }

    /// <summary>The format a model returns of <paramref name="kind"/> when it states none: MP4, PNG or MP3.</summary>
    public static MediaFormat UsualFor(MediaKind kind) => kind switch
    {
        MediaKind.Image => Png,
        MediaKind.Audio => Mp3,
        _ => Mp4,
    };

    private static MediaFormat Video(string name, string type, string extension, string[]? otherExtensions = null, string[]? otherTypes = null) =>
        new(name, MediaKind.Video, type, extension, otherExtensions ?? [], otherTypes ?? []);

    private static MediaFormat Audio(string name, string type, string extension, string[]? otherExtensions = null, string[]? otherTypes = null) =>
        new(name, MediaKind.Audio, type, extension, otherExtensions ?? [], otherTypes ?? []);

    private static MediaFormat Image(string name, string type, string extension, string[]? otherExtensions = null, string[]? otherTypes = null) =>
        new(name, MediaKind.Image, type, extension, otherExtensions ?? [], otherTypes ?? []);
}

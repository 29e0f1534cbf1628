namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Content types for the upload formats WaveSpeed lists (§12.1); unknown extensions get none (the ticket then omits it).</summary>
internal static class MediaContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".webp"] = "image/webp",
        [".gif"] = "image/gif", [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
        [".mp4"] = "video/mp4", [".mov"] = "video/quicktime", [".webm"] = "video/webm", [".mkv"] = "video/x-matroska",
        [".avi"] = "video/x-msvideo", [".wmv"] = "video/x-ms-wmv", [".flv"] = "video/x-flv", [".3gp"] = "video/3gpp",
        [".ogv"] = "video/ogg", [".mp3"] = "audio/mpeg", [".wav"] = "audio/wav", [".ogg"] = "audio/ogg",
        [".aac"] = "audio/aac", [".flac"] = "audio/flac", [".m4a"] = "audio/mp4", [".opus"] = "audio/opus",
    };

    public static string? For(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));
}

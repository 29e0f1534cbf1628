namespace VideoStudio.Contracts;

/// <summary>Facts read from a real media file (never guessed from its size or name).</summary>
/// <param name="Kind">What the file contains.</param>
/// <param name="SizeBytes">File size in bytes.</param>
/// <param name="DurationSeconds">Play length for audio and video; null for images.</param>
/// <param name="Width">Pixel width for images and video.</param>
/// <param name="Height">Pixel height for images and video.</param>
/// <param name="ContentType">MIME type inferred from the content, e.g. <c>video/mp4</c>.</param>
public sealed record MediaInfo(MediaKind Kind, long SizeBytes, double? DurationSeconds, int? Width, int? Height, string ContentType);

namespace VideoStudio.Server.Api;

/// <summary>Answer of <c>POST /v1/uploads</c>: the stored file, usable as a media input value.</summary>
/// <param name="Path">The stored file's server-side path.</param>
/// <param name="ContentType">The MIME type found by content.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="DurationSeconds">Its duration (audio/video).</param>
/// <param name="Width">Its width in pixels, when known.</param>
/// <param name="Height">Its height in pixels, when known.</param>
public sealed record UploadResult(string Path, string ContentType, long SizeBytes, double? DurationSeconds, int? Width, int? Height);

namespace VideoStudio.Server.Api;

/// <summary>Answer of <c>POST /v1/uploads</c>: the stored file as a person and a client see it; never where the server keeps it.</summary>
/// <param name="Id">The value to put in a media input: <c>upload:&lt;id&gt;</c> (usable on any host sharing the output directory).</param>
/// <param name="Name">The file name the caller sent (for showing; not where it is stored).</param>
/// <param name="Kind"><c>video</c>, <c>image</c> or <c>audio</c>, from the content.</param>
/// <param name="ContentType">The MIME type found by content.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="DurationSeconds">Its duration (audio/video).</param>
/// <param name="Width">Its width in pixels, when known.</param>
/// <param name="Height">Its height in pixels, when known.</param>
public sealed record UploadResult(string Id, string Name, string Kind, string ContentType, long SizeBytes, double? DurationSeconds, int? Width, int? Height);

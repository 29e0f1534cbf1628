namespace VideoStudio.Contracts;

/// <summary>One output a finished job produced.</summary>
/// <param name="Url">Where the provider serves it (expires; the host downloads it on completion).</param>
/// <param name="Kind">What it is: a video, an image or an audio track.</param>
/// <param name="FileExtension">Extension to store it with, including the dot, e.g. <c>.mp4</c>, <c>.png</c>, <c>.mp3</c>.</param>
public sealed record OutputItem(Uri Url, MediaKind Kind, string FileExtension);

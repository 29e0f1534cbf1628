namespace VideoStudio.Contracts;

/// <summary>One output a finished job produced.</summary>
/// <param name="Url">Where the provider serves it (expires; the host downloads it on completion).</param>
/// <param name="Kind">What it is.</param>
/// <param name="FileExtension">Extension to store it with, including the dot, e.g. <c>.mp4</c>.</param>
public sealed record OutputItem(Uri Url, MediaKind Kind, string FileExtension);

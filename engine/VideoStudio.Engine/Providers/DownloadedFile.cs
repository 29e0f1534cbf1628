namespace VideoStudio.Engine.Providers;

/// <summary>A downloaded output: its length, the SHA-256 computed while it streamed (lowercase hex), and what the server called it.</summary>
/// <param name="SizeBytes">Bytes written.</param>
/// <param name="Sha256">SHA-256 of exactly those bytes, hashed as they arrived (resumed transfers included).</param>
/// <param name="ContentType">The media type the server sent (lowercase, parameters dropped); null when it sent none or <c>application/octet-stream</c>.</param>
public sealed record DownloadedFile(long SizeBytes, string Sha256, string? ContentType = null);

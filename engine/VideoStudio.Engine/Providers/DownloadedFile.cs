namespace VideoStudio.Engine.Providers;

/// <summary>A downloaded output: its length and the SHA-256 computed while it streamed (lowercase hex).</summary>
/// <param name="SizeBytes">Bytes written.</param>
/// <param name="Sha256">SHA-256 of exactly those bytes, hashed as they arrived (resumed transfers included).</param>
public sealed record DownloadedFile(long SizeBytes, string Sha256);

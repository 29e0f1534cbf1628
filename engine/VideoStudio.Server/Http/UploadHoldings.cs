namespace VideoStudio.Server.Http;

/// <summary>What one owner holds in uploads: how many files and how many bytes (kept, or still arriving).</summary>
/// <param name="Count">Uploads kept or still arriving.</param>
/// <param name="Bytes">Their size on disk.</param>
public readonly record struct UploadHoldings(int Count, long Bytes);

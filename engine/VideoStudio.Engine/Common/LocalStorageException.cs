namespace VideoStudio.Engine.Common;

/// <summary>
/// Writing to this machine's own disk failed (full, quota, read-only, I/O error): the host's condition, not the
/// remote side's. Kept apart from network errors so a transfer is not resumed against a disk that cannot take it,
/// and so the job waits for room instead of failing.
/// </summary>
internal sealed class LocalStorageException(string path, Exception inner)
    : IOException($"Writing {Path.GetFileName(path)} in {Path.GetDirectoryName(path)} failed: {inner.Message}", inner)
{
    /// <summary>The file that could not be written.</summary>
    public string FilePath { get; } = path;

    /// <summary>True when the disk or quota is full (rather than another I/O error).</summary>
    public bool IsOutOfSpace => StorageFailure.IsOutOfSpace(InnerException);
}

using System.Collections.Concurrent;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// Watches a shared output folder (inotify) and counts, per final path, how many times a file was moved or written
/// into it. A worker stages a download under its lease's token and moves it into place once, after the store
/// confirmed its lease; a second move into the same path is a worker that wrote without its lease.
/// </summary>
internal sealed class OutputMoves : IDisposable
{
    private readonly FileSystemWatcher watcher;
    private readonly ConcurrentDictionary<string, int> placed = new(StringComparer.Ordinal);
    private volatile string? error;

    public OutputMoves(string folder)
    {
        watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, InternalBufferSize = 64 * 1024, NotifyFilter = NotifyFilters.FileName };
        watcher.Renamed += (_, e) => Count(e.FullPath);
        watcher.Created += (_, e) => Count(e.FullPath);
        watcher.Error += (_, e) => error = e.GetException().Message;
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Set when the watcher lost events (its buffer overflowed): the counts are then incomplete.</summary>
    public string? Error => error;

    /// <summary>How many times something was moved or written into <paramref name="path"/>.</summary>
    public int Into(string path) => placed.GetValueOrDefault(Path.GetFullPath(path));

    public void Dispose() => watcher.Dispose();

    // Staged downloads (".lease-<token>", ".part") are the workers' own; only final paths are counted.
    private void Count(string path)
    {
        if (!path.Contains(".lease-", StringComparison.Ordinal) && !path.EndsWith(".part", StringComparison.Ordinal))
        {
            placed.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Media;

/// <summary>
/// What a local file was probed to be, remembered by its full path, length and last-write time, so a form that
/// re-prices the same image on each keystroke does not open and parse it each time. Any write that changes the
/// length or the modification time (nanoseconds on Linux) is another key; a file rewritten in place with the same
/// length within the file system's timestamp granularity is the one case it cannot see. Bounded: when full, it starts
/// over. Unreadable files are never remembered (their error must be reported each time).
/// </summary>
internal sealed class MediaProbeCache
{
    /// <summary>Entries held before the cache starts over.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, MediaInfo Info)> entries = new(StringComparer.Ordinal);

    /// <summary>The probed facts for <paramref name="file"/> as it is now, if it was probed in this state.</summary>
    public bool TryGet(FileInfo file, [MaybeNullWhen(false)] out MediaInfo info)
    {
        if (entries.TryGetValue(file.FullName, out var entry) && entry.Length == file.Length && entry.Written == file.LastWriteTimeUtc)
        {
            info = entry.Info;
            return true;
        }

        info = null;
        return false;
    }

    /// <summary>Remembers <paramref name="info"/> for <paramref name="file"/> in the state it was read in.</summary>
    public void Add(FileInfo file, MediaInfo info)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[file.FullName] = (file.Length, file.LastWriteTimeUtc, info);
    }
}

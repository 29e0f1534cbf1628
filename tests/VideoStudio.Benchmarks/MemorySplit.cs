using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoStudio.Benchmarks;

/// <summary>
/// Where this process's resident memory is, in MiB: anonymous (GC heap, native allocations, stacks), file-backed
/// (mapped assemblies and native libraries), shared memory (SQLite's -shm index); of the anonymous part, what the GC
/// has committed (and the heap's size after the last collection) and what SQLite's allocator holds (page caches, statements), so the rest is the runtime's and the
/// native allocator's own.
/// </summary>
internal readonly partial record struct MemorySplit(long Rss, long Anon, long File, long Shmem, long GcCommitted, long GcHeap, long Sqlite)
{
    /// <summary>Reads /proc/self/status, the GC and SQLite now.</summary>
    public static MemorySplit Now()
    {
        string status = System.IO.File.ReadAllText("/proc/self/status");
        GCMemoryInfo gc = GC.GetGCMemoryInfo();
        return new(StatusBytes(status, "VmRSS"), StatusBytes(status, "RssAnon"), StatusBytes(status, "RssFile"), StatusBytes(status, "RssShmem"),
            gc.TotalCommittedBytes, gc.HeapSizeBytes, SQLitePCL.raw.sqlite3_memory_used());
    }

    /// <summary>One field of /proc/self/status (e.g. <c>VmRSS</c>, <c>VmHWM</c>) in bytes; 0 where it is missing.</summary>
    public static long StatusBytes(string field) => StatusBytes(System.IO.File.ReadAllText("/proc/self/status"), field);

    private static long StatusBytes(string status, string field)
    {
        Match m = Regex.Match(status, field + @":\s+(\d+) kB");
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1024 : 0;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        static string M(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        return $"rss={M(Rss)}MiB (anon {M(Anon)}: gc committed {M(GcCommitted)} (heap {M(GcHeap)} at the last GC), sqlite {M(Sqlite)}, other {M(Anon - GcCommitted - Sqlite)}; files {M(File)}; shm {M(Shmem)})";
    }
}

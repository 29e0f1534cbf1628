using System.ComponentModel.DataAnnotations;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// What a plugin folder may contain before it is read at all (bound from <c>VideoStudio:PluginLimits</c>). A file
/// past a limit quarantines its folder with a reason naming the file and the limit; the host never runs out of
/// memory or stack on a plugin's data.
/// </summary>
public sealed class PluginLimits
{
    /// <summary>The largest data file (manifest, schema, pricing rule) read, in bytes; larger files are refused before they are opened. Default 1 MiB (the largest shipped file is under 20 KB).</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The deepest nesting of objects and arrays in a data file. Checked with System.Text.Json's reader before any
    /// other parser sees the file; kept below 64, the depth at which NJsonSchema's Newtonsoft reader throws.
    /// </summary>
    [Range(4, 60)]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>The most models one manifest may declare.</summary>
    [Range(1, 10_000)]
    public int MaxModelsPerPlugin { get; set; } = 64;

    /// <summary>
    /// How long one call into plugin code (a rule, a normaliser, an output mapper) may run. Past it the call is
    /// abandoned, the request fails closed with an error naming the plugin, and the plugin shows as degraded.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Plugin ids whose code runs inside the host, trusted like the built-in plugins (which always do). Every other
    /// plugin with code runs in a worker process of its own (docs/security.md, "Plugin code runs out of process").
    /// </summary>
    public List<string> InProcessPlugins { get; set; } = [];

    /// <summary>The managed heap a plugin worker may use (<c>DOTNET_GCHeapHardLimit</c>), and the address space it may add on Linux. Default 256 MiB.</summary>
    [Range(32L * 1024 * 1024, 64L * 1024 * 1024 * 1024)]
    public long WorkerMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The CPU time a plugin worker may use over its life (Linux/macOS <c>RLIMIT_CPU</c>); past it the OS ends it and the next call starts a new one.</summary>
    [Range(1, 86_400)]
    public int WorkerCpuSeconds { get; set; } = 600;

    /// <summary>The files a plugin worker may hold open (<c>RLIMIT_NOFILE</c>).</summary>
    [Range(64, 65_536)]
    public int WorkerOpenFiles { get; set; } = 256;

    /// <summary>The bytes a plugin worker may write to any file (<c>RLIMIT_FSIZE</c>): none by default, so it can create no content anywhere.</summary>
    [Range(0, 64L * 1024 * 1024 * 1024)]
    public long WorkerFileBytes { get; set; }

    /// <summary>The largest answer the host reads from a worker for one call; a larger one fails the call and ends the worker. Default 4 MiB.</summary>
    [Range(64 * 1024, 256L * 1024 * 1024)]
    public long MaxAnswerBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How long a worker may take to start and activate the plugin's code.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker failures in a row (exit, hang, oversized or malformed answer) after which the plugin is stopped: its calls fail at once until plugins are reloaded.</summary>
    [Range(1, 100)]
    public int FailuresBeforeStop { get; set; } = 3;

    /// <summary>The allowed ranges, for the message of a failed options check.</summary>
    public const string RangesText = "MaxFileBytes 1024..67108864, MaxJsonDepth 4..60, MaxModelsPerPlugin 1..10000, CallTimeout 00:00:00.010..00:05:00, " +
        "WorkerMemoryBytes 32 MiB..64 GiB, WorkerCpuSeconds 1..86400, WorkerOpenFiles 64..65536, WorkerFileBytes 0..64 GiB, MaxAnswerBytes 64 KiB..256 MiB, WorkerStartTimeout 00:00:01..00:05:00, FailuresBeforeStop 1..100";
}

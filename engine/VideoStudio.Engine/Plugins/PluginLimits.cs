using VideoStudio.Engine.Common;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// What a plugin folder may contain before it is read at all (bound from <c>VideoStudio:PluginLimits</c>). A file
/// past a limit quarantines its folder with a reason naming the file and the limit; the host never runs out of
/// memory or stack on a plugin's data.
/// </summary>
public sealed class PluginLimits
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:PluginLimits";

    /// <summary>The largest data file (manifest, schema, pricing rule) read, in bytes; larger files are refused before they are opened. Default 1 MiB (the largest shipped file is under 20 KB).</summary>
    [SettingRange(1024, 64L * 1024 * 1024, "between 1024 and 67108864 bytes")]
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The deepest nesting of objects and arrays in a data file. Checked with System.Text.Json's reader before any
    /// other parser sees the file; kept below 64, the depth at which NJsonSchema's Newtonsoft reader throws.
    /// </summary>
    [SettingRange(4, 60, "between 4 and 60")]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>The most models one manifest may declare.</summary>
    [SettingRange(1, 10_000, "between 1 and 10000")]
    public int MaxModelsPerPlugin { get; set; } = 64;

    /// <summary>
    /// How long one call into plugin code (a rule, a normaliser, an output mapper) may run. Past it the call is
    /// abandoned, the request fails closed with an error naming the plugin, and the plugin shows as degraded.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:05:00", "between 00:00:00.010 and 00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Plugin ids whose code runs inside the host, trusted like the built-in plugins (which always do). Every other
    /// plugin with code runs in a worker process of its own (docs/security.md, "Plugin code runs out of process").
    /// </summary>
    public List<string> InProcessPlugins { get; set; } = [];

    /// <summary>The managed heap a plugin worker may use (<c>DOTNET_GCHeapHardLimit</c>), and the address space it may add on Linux. Default 256 MiB.</summary>
    [SettingRange(32L * 1024 * 1024, 64L * 1024 * 1024 * 1024, "between 32 MiB and 64 GiB")]
    public long WorkerMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The CPU time a plugin worker may use over its life (Linux/macOS <c>RLIMIT_CPU</c>); past it the OS ends it and the next call starts a new one.</summary>
    [SettingRange(1, 86_400, "between 1 and 86400")]
    public int WorkerCpuSeconds { get; set; } = 600;

    /// <summary>The files a plugin worker may hold open (<c>RLIMIT_NOFILE</c>).</summary>
    [SettingRange(64, 65_536, "between 64 and 65536")]
    public int WorkerOpenFiles { get; set; } = 256;

    /// <summary>The bytes a plugin worker may write to any file (<c>RLIMIT_FSIZE</c>): none by default, so it can create no content anywhere.</summary>
    [SettingRange(0, 64L * 1024 * 1024 * 1024, "between 0 and 64 GiB")]
    public long WorkerFileBytes { get; set; }

    /// <summary>The largest answer the host reads from a worker for one call; a larger one fails the call and ends the worker. Default 4 MiB.</summary>
    [SettingRange(64 * 1024, 256L * 1024 * 1024, "between 64 KiB and 256 MiB")]
    public long MaxAnswerBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>How long a worker may take to start and activate the plugin's code.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:05:00", "between 00:00:01 and 00:05:00")]
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Worker failures in a row (exit, hang, oversized or malformed answer) after which the plugin is stopped: its calls fail at once until plugins are reloaded.</summary>
    [SettingRange(1, 100, "between 1 and 100")]
    public int FailuresBeforeStop { get; set; } = 3;
}

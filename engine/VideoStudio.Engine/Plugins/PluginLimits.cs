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

    /// <summary>The allowed ranges, for the message of a failed options check.</summary>
    public const string RangesText = "MaxFileBytes 1024..67108864, MaxJsonDepth 4..60, MaxModelsPerPlugin 1..10000, CallTimeout 00:00:00.010..00:05:00";
}

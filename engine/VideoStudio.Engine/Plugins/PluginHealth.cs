using System.Collections.Concurrent;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// What went wrong at run time with a catalog's plugins: a call past its budget marks the plugin degraded (it stays
/// loaded; its later calls are still budgeted). Belongs to one catalog snapshot, so a reload starts clean.
/// </summary>
public sealed class PluginHealth
{
    private readonly ConcurrentDictionary<string, string> degraded = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="pluginId"/> degraded; the latest reason wins.</summary>
    public void MarkDegraded(string pluginId, string reason) => degraded[pluginId] = reason;

    /// <summary>Why the plugin is degraded, or null when it is healthy.</summary>
    public string? DegradedReason(string pluginId) => degraded.GetValueOrDefault(pluginId);
}

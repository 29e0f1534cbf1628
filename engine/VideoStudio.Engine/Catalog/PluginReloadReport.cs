using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>What a plugin reload changed (the answer of <c>POST /v1/plugins/reload</c> and <c>plugins reload</c>).</summary>
/// <param name="Generation">The catalog's generation after the reload (1 is the first load).</param>
/// <param name="Added">Plugin ids served now and not before.</param>
/// <param name="Removed">Plugin ids served before and not now.</param>
/// <param name="Changed">Plugin ids whose version, status or models changed.</param>
/// <param name="Plugins">Every plugin folder, as <c>plugins --json</c>.</param>
public sealed record PluginReloadReport(long Generation, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, IReadOnlyList<PluginInfo> Plugins)
{
    /// <summary>Compares two snapshots.</summary>
    public static PluginReloadReport Between(PluginCatalog? before, PluginCatalog after, long generation)
    {
        Dictionary<string, PluginInfo> old = Served(before);
        Dictionary<string, PluginInfo> now = Served(after);
        return new PluginReloadReport(
            generation,
            now.Keys.Except(old.Keys).Order(StringComparer.Ordinal).ToArray(),
            old.Keys.Except(now.Keys).Order(StringComparer.Ordinal).ToArray(),
            now.Keys.Intersect(old.Keys).Where(id => !Same(old[id], now[id])).Order(StringComparer.Ordinal).ToArray(),
            after.Plugins);
    }

    private static Dictionary<string, PluginInfo> Served(PluginCatalog? catalog) =>
        (catalog?.Plugins ?? []).Where(p => p.Status != PluginStatus.Quarantined).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static bool Same(PluginInfo a, PluginInfo b) =>
        a.Version == b.Version && a.Status == b.Status && a.ModelIds.SequenceEqual(b.ModelIds);
}

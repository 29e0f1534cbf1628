using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// The order in which plugin folders claim their plugin id, model ids and aliases; the first claim wins and a later
/// folder that claims the same name is refused. Independent of folder names; every folder of the shipped plugins
/// directory comes before every folder of the user's own, and within one directory:
/// <list type="number">
/// <item>built-in plugins (listed in <c>builtin-plugins.txt</c>, written by the build);</item>
/// <item>installed plugins, by their sequence in <see cref="PluginInstallRecord"/>;</item>
/// <item>newcomers (not yet recorded), by the folder's creation time, then plugin id — and are then recorded, so
///   this order holds from then on.</item>
/// </list>
/// Why: what a user already runs must never be displaced by what is dropped in next, and the CLI and a server
/// reading the same directory (and record) rank it the same way.
/// </summary>
internal static class PluginPrecedence
{
    /// <summary>A folder's place in line.</summary>
    /// <param name="Root">Which plugins directory holds it: 0 the shipped plugins, 1 the user's own (every folder of an earlier directory comes first).</param>
    /// <param name="Tier">0 built-in, 1 installed, 2 newcomer.</param>
    /// <param name="Sequence">Install sequence (tiers 0-1) or creation time in ticks (tier 2).</param>
    /// <param name="PluginId">The tie-break of last resort.</param>
    public readonly record struct Rank(int Root, int Tier, long Sequence, string PluginId)
    {
        /// <summary>How a person reads the holder's standing in a refusal.</summary>
        public string Describe() => (Root, Tier) switch
        {
            ( > 0, 2) => "in the user's plugins directory, created earlier",
            ( > 0, _) => "in the user's plugins directory, installed earlier",
            (_, 0) => "built in",
            (_, 1) => "installed earlier",
            _ => "created earlier",
        };
    }

    /// <summary>Orders folders first claimant first.</summary>
    public static IOrderedEnumerable<T> InOrder<T>(IEnumerable<T> items, Func<T, Rank> rank) =>
        items.OrderBy(i => rank(i).Root).ThenBy(i => rank(i).Tier).ThenBy(i => rank(i).Sequence).ThenBy(i => rank(i).PluginId, StringComparer.Ordinal);

    /// <summary>Ranks a folder holding <paramref name="pluginId"/> in the <paramref name="root"/>-th plugins directory.</summary>
    public static Rank RankOf(PluginInstallRecord record, int root, string folder, string pluginId)
    {
        string name = Path.GetFileName(folder);
        if (record.BuiltIn.Contains(name))
        {
            return new Rank(root, 0, 0, pluginId);
        }

        return record.SequenceOf(name, pluginId) is long sequence
            ? new Rank(root, 1, sequence, pluginId)
            : new Rank(root, 2, Directory.GetCreationTimeUtc(folder).Ticks, pluginId);
    }
}

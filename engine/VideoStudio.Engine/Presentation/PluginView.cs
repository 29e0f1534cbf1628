using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Presentation;

public static partial class ApiViews
{
    /// <summary>A plugin folder as the host found it: `plugins --json`, `plugins check --json`, <c>GET /v1/plugins</c>.</summary>
    /// <param name="Id">Plugin id from the manifest, or the folder name when the manifest could not be read.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Version">Plugin version from the manifest (empty when unreadable).</param>
    /// <param name="Directory">The plugin folder.</param>
    /// <param name="Status">What the host made of it.</param>
    /// <param name="Reason">Why it is not active: what is wrong and what to do.</param>
    /// <param name="ModelIds">The models it provides (empty when quarantined).</param>
    public sealed record PluginView(string Id, string Name, string Version, string Directory, PluginStatus Status, string? Reason, IReadOnlyList<string> ModelIds);

    /// <summary>What a plugin reload changed: `plugins reload --json`, <c>POST /v1/plugins/reload</c>.</summary>
    /// <param name="Generation">The catalog's generation after the reload (1 is the first load).</param>
    /// <param name="Added">Plugin ids served now and not before.</param>
    /// <param name="Removed">Plugin ids served before and not now.</param>
    /// <param name="Changed">Plugin ids whose version, status or models changed.</param>
    /// <param name="Plugins">Every plugin folder.</param>
    public sealed record PluginReloadView(long Generation, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, IReadOnlyList<PluginView> Plugins);

    /// <summary>Maps a plugin folder.</summary>
    public static PluginView Plugin(PluginInfo p) => new(p.Id, p.Name, p.Version, p.Directory, p.Status, p.Reason, p.ModelIds);

    /// <summary>Maps every plugin folder.</summary>
    public static PluginView[] Plugins(IEnumerable<PluginInfo> plugins) => plugins.Select(Plugin).ToArray();

    /// <summary>Maps a reload.</summary>
    public static PluginReloadView Reload(PluginReloadReport r) => new(r.Generation, r.Added, r.Removed, r.Changed, Plugins(r.Plugins));
}

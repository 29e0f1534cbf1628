using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// What a caller reads of one catalog snapshot: the models (data: schema, pricing, card) by id or alias, and every
/// plugin folder with its status. A view runs no plugin code; the snapshot it reads stays the engine's.
/// </summary>
public sealed class CatalogView
{
    private readonly PluginCatalog catalog;

    internal CatalogView(PluginCatalog catalog)
    {
        this.catalog = catalog;
        Plugins = catalog.Plugins;
    }

    /// <summary>Every plugin folder found, with its status (an active plugin whose code ran past its budget shows as <see cref="PluginStatus.Degraded"/>) and reason.</summary>
    public IReadOnlyList<PluginInfo> Plugins { get; }

    /// <summary>The models of every plugin that is not quarantined, by id or alias.</summary>
    public ModelRegistry Registry => catalog.Registry;

    /// <summary>The plugin that provides a model, with its load-time status.</summary>
    public PluginInfo PluginOf(ModelDefinition model) => catalog.PluginOf(model);

    /// <summary>
    /// The plugin of a model as a person is shown it: <see cref="PluginStatus.Degraded"/> with the reason when it is so
    /// now (its models cannot run on this host: no FFmpeg for the local operations), else <see cref="PluginOf"/>.
    /// </summary>
    public PluginInfo StatusOf(ModelDefinition model)
    {
        PluginInfo loaded = catalog.PluginOf(model);
        return Plugins.FirstOrDefault(p => p.Id == loaded.Id && p.Status == PluginStatus.Degraded) ?? loaded;
    }
}

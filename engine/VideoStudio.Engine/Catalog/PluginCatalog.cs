using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>The result of plugin discovery: every plugin found, the model registry, and each plugin's code.</summary>
public sealed class PluginCatalog(IReadOnlyList<PluginInfo> plugins, ModelRegistry registry, IReadOnlyDictionary<string, PluginCode> code)
{
    /// <summary>Every plugin folder found, with its status and reason.</summary>
    public IReadOnlyList<PluginInfo> Plugins { get; } = plugins;

    /// <summary>The models of every plugin that is not quarantined.</summary>
    public ModelRegistry Registry { get; } = registry;

    /// <summary>The extension points of a model's plugin (none when its code is absent or failed).</summary>
    public PluginCode CodeFor(ModelDefinition model) => code.GetValueOrDefault(model.Descriptor.PluginId) ?? PluginCode.None;

    /// <summary>The plugin that provides a model.</summary>
    public PluginInfo PluginOf(ModelDefinition model) => Plugins.First(p => p.Id == model.Descriptor.PluginId && p.Status != PluginStatus.Quarantined);
}

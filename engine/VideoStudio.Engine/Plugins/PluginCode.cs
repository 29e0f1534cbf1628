using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>The extension points one plugin's code provides, resolved from the plugin's own service provider.</summary>
public sealed record PluginCode(
    IReadOnlyList<IInputRule> Rules,
    IReadOnlyList<IInputNormalizer> Normalizers,
    IReadOnlyList<IOutputMapper> OutputMappers)
{
    /// <summary>A plugin without code (data-only, or code that failed to load).</summary>
    public static PluginCode None { get; } = new([], [], []);
}

using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// Plans a model's card example once, when its plugin is loaded (validate and price, running the plugin's code in its
/// worker), and keeps the result for that catalog snapshot, so reading a card later never runs plugin code.
/// Implemented by Planning; Catalog depends only on this interface, so the two folders depend one way.
/// </summary>
public interface ICardExamplePlanner
{
    /// <summary>Plans and keeps <paramref name="model"/>'s card example in <paramref name="catalog"/>.</summary>
    Task PlanAndKeepAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken);
}

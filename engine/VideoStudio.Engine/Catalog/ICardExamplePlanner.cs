using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Engine.Catalog;

/// <summary>Validates and prices a model's card example on a catalog being loaded (implemented by Planning, which sits above the catalog).</summary>
public interface ICardExamplePlanner
{
    /// <summary>The example's report, planned through the same pipeline as a request (plugin code included, reading no media).</summary>
    Task<EstimateReport> PlanAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken);
}

using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Engine.Planning;

/// <summary>Plans card examples at load for discovery, through the request path (<see cref="RequestPlanner"/>).</summary>
internal sealed class CardExamplePlanner(InputPipeline pipeline) : ICardExamplePlanner
{
    /// <inheritdoc />
    public async Task<EstimateReport> PlanAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken) =>
        (await RequestPlanner.PlanExampleWithAsync(pipeline, catalog, model, cancellationToken).ConfigureAwait(false)).Report;
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Planning;

/// <summary>
/// The card examples planned at load, kept per catalog snapshot (and collected with it): what a card read answers
/// without running plugin code.
/// </summary>
public sealed class CardExamples(InputPipeline pipeline) : ICardExamplePlanner
{
    private static readonly ConditionalWeakTable<PluginCatalog, ConcurrentDictionary<string, RequestPlan>> Kept = [];

    /// <inheritdoc />
    public async Task PlanAndKeepAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken)
    {
        RequestPlan plan = await RequestPlanner.PlanExampleWithAsync(pipeline, catalog, model, cancellationToken).ConfigureAwait(false);
        Kept.GetOrCreateValue(catalog)[model.Id] = plan;
    }

    /// <summary>The model's card example as validated and priced when its plugin was loaded, or null when it was not planned then.</summary>
    public static RequestPlan? Of(PluginCatalog catalog, ModelDefinition model) =>
        Kept.TryGetValue(catalog, out ConcurrentDictionary<string, RequestPlan>? plans) ? plans.GetValueOrDefault(model.Id) : null;
}

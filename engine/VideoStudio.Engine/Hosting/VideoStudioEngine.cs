using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// The <see cref="IVideoStudio"/> implementation: a thin facade over <see cref="RequestPlanner"/>, which the engine's
/// own parts use directly.
/// </summary>
internal sealed class VideoStudioEngine(RequestPlanner planner, ProviderStatusReader providers, CatalogDriftCheck drift, IEnumerable<ProviderRoute>? routes = null,
    IVideoProvider? provider = null, ILogger<VideoStudioEngine>? logger = null) : IVideoStudio
{
    private readonly ProviderAvailability availability = new(routes ?? []);

    /// <inheritdoc />
    public VideoStudioProviderStatus GetProviderStatus() => providers.Current();

    /// <inheritdoc />
    public async Task<CatalogView> GetCatalogAsync(CancellationToken cancellationToken = default) =>
        new(await SnapshotAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<IReadOnlyList<CatalogDrift>> CheckDriftAsync(CancellationToken cancellationToken = default) => drift.CheckAsync(cancellationToken);

    /// <summary>The snapshot itself, models of an adapter that cannot run here marked (the engine's parts and the tests read it).</summary>
    internal async Task<PluginCatalog> SnapshotAsync(CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await planner.CatalogAsync(cancellationToken).ConfigureAwait(false);
        await availability.MarkAsync(catalog, cancellationToken).ConfigureAwait(false); // models of an adapter that cannot run here show why
        return catalog;
    }

    /// <inheritdoc />
    public async Task<ValidationReport> ValidateAsync(string modelId, JsonObject input, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return await planner.ValidateAsync(current, current.Registry.Find(modelId), input, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EstimateReport> EstimateAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default) =>
        (await planner.PlanAsync(modelId, input, mediaDurationHints, cancellationToken).ConfigureAwait(false)).Report;

    /// <inheritdoc />
    public async Task<PriceQuote> QuoteAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default)
    {
        EstimateReport report = await EstimateAsync(modelId, input, mediaDurationHints, cancellationToken).ConfigureAwait(false);
        // The provider is asked only where the rule is not enough: no price, or a price it does not confirm.
        bool ask = report.Estimate is { } estimate && (estimate.HoldUsd is null || estimate.Provenance.Confidence >= Confidence.ThirdParty);
        decimal? quote = ask && provider is not null
            ? await provider.TryQuoteAsync(report.Estimate!.ModelId, report.Validation.NormalizedInput, logger, cancellationToken).ConfigureAwait(false)
            : null;
        return new PriceQuote(report, quote);
    }

    /// <inheritdoc />
    public async Task<EstimateReport> EstimateExampleAsync(string modelId, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return (await planner.PlanExampleAsync(current, current.Registry.Find(modelId), cancellationToken).ConfigureAwait(false)).Report;
    }

    /// <inheritdoc />
    public async Task<ComparisonReport> CompareAsync(IReadOnlyList<string> modelIds, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ComparisonEntry>();
        foreach (string id in modelIds)
        {
            ModelDefinition? model = current.Registry.TryFind(id);
            if (model is null)
            {
                var unknown = new UnknownModelException(id, [], current.Registry.RefusalOf(id));
                entries.Add(new ComparisonEntry(id, null, null, false, [new ValidationIssue(string.Empty, ErrorCodes.UnknownModel, unknown.Message)], [], null, [], null));
                continue;
            }

            EstimateReport report = (await planner.PlanAsync(current, model, input, mediaDurationHints, cancellationToken).ConfigureAwait(false)).Report;
            string[] unsupported = report.Validation.Errors.Where(e => e.Code == ErrorCodes.UnknownField).Select(e => e.Path.TrimStart('/')).ToArray();
            PriceEstimate? without = null;
            if (unsupported.Length > 0 && unsupported.Length == report.Validation.Errors.Count)
            {
                var trimmed = (JsonObject)input.DeepClone();
                Array.ForEach(unsupported, f => trimmed.Remove(f));
                without = (await planner.PlanAsync(current, model, trimmed, mediaDurationHints, cancellationToken).ConfigureAwait(false)).Report.Estimate;
            }

            entries.Add(new ComparisonEntry(model.Id, model.Descriptor.DisplayName, model.Descriptor.Task, report.Validation.Valid,
                report.Validation.Errors, report.Validation.Warnings, report.Estimate, unsupported, without));
        }

        return new ComparisonReport(entries);
    }
}

using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// The engine's facade: what <c>AddVideoStudio()</c> gives a host. With <see cref="Jobs.Facade.IVideoJobs"/>,
/// <see cref="IVideoStudioPlugins"/> and <see cref="Jobs.Webhooks.IWebhookEndpoints"/> it is all the CLI and server use.
/// </summary>
public interface IVideoStudio
{
    /// <summary>
    /// A read-only view of the current plugins and models (discovered on first use, replaced by a reload; a caller
    /// finishes on the view it got). The view is data: it runs no plugin code.
    /// </summary>
    Task<CatalogView> GetCatalogAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares the provider's live catalogue with the installed plugins: models whose live schema or price differs
    /// from the plugin's, and live models no plugin covers.
    /// </summary>
    Task<IReadOnlyList<CatalogDrift>> CheckDriftAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates an input: schema, media limits on the real files, the plugin's cross-field rules.</summary>
    /// <exception cref="UnknownModelException">No model has that id or alias.</exception>
    Task<ValidationReport> ValidateAsync(string modelId, JsonObject input, CancellationToken cancellationToken = default);

    /// <summary>Validates and prices an input. <paramref name="mediaDurationHints"/> supplies durations (s) per media field the engine cannot read.</summary>
    /// <exception cref="UnknownModelException">No model has that id or alias.</exception>
    Task<EstimateReport> EstimateAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prices the model's card example from its <c>exampleMediaSeconds</c>, without fetching anything: the example's
    /// media URLs are illustrative (on 127.0.0.1:9, where nothing listens).
    /// </summary>
    /// <exception cref="UnknownModelException">No model has that id or alias.</exception>
    Task<EstimateReport> EstimateExampleAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prices an input as submitting it would decide: the rule's price, and the provider's live quote where the rule
    /// has no price or one the provider does not confirm (a failed quote is logged and left out, never a guess).
    /// </summary>
    /// <exception cref="UnknownModelException">No model has that id or alias.</exception>
    Task<PriceQuote> QuoteAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default);

    /// <summary>Validates and prices the same input across several models.</summary>
    Task<ComparisonReport> CompareAsync(IReadOnlyList<string> modelIds, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default);

    /// <summary>Which provider the jobs use (WaveSpeed or the embedded simulator) and whether a job submitted now can reach it.</summary>
    VideoStudioProviderStatus GetProviderStatus();
}

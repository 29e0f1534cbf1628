using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Hosting;

/// <summary>The <see cref="IVideoStudio"/> implementation: catalog → validate → estimate → compare.</summary>
public sealed class VideoStudioEngine : IVideoStudio
{
    private readonly PluginCatalogHolder catalog;
    private readonly InputPipeline pipeline;

    /// <summary>Creates the engine; plugin discovery runs on first use and again on each reload of <paramref name="catalog"/>.</summary>
    public VideoStudioEngine(PluginCatalogHolder catalog, InputPipeline pipeline)
    {
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    /// <inheritdoc />
    public Task<PluginCatalog> GetCatalogAsync(CancellationToken cancellationToken = default) => catalog.GetAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ValidationReport> ValidateAsync(string modelId, JsonObject input, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return await pipeline.ValidateAsync(current, current.Registry.Find(modelId), input, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EstimateReport> EstimateAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return await EstimateAsync(current, current.Registry.Find(modelId), input, mediaDurationHints, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EstimateReport> EstimateExampleAsync(string modelId, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        ModelDefinition model = current.Registry.Find(modelId);
        return await EstimateAsync(current, model, model.Card.ExampleInput, model.Card.ExampleMediaSeconds, cancellationToken, inspectMedia: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ComparisonReport> CompareAsync(IReadOnlyList<string> modelIds, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints = null, CancellationToken cancellationToken = default)
    {
        PluginCatalog current = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
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

            EstimateReport report = await EstimateAsync(current, model, input, mediaDurationHints, cancellationToken).ConfigureAwait(false);
            string[] unsupported = report.Validation.Errors.Where(e => e.Code == ErrorCodes.UnknownField).Select(e => e.Path.TrimStart('/')).ToArray();
            PriceEstimate? without = null;
            if (unsupported.Length > 0 && unsupported.Length == report.Validation.Errors.Count)
            {
                var trimmed = (JsonObject)input.DeepClone();
                Array.ForEach(unsupported, f => trimmed.Remove(f));
                without = (await EstimateAsync(current, model, trimmed, mediaDurationHints, cancellationToken).ConfigureAwait(false)).Estimate;
            }

            entries.Add(new ComparisonEntry(model.Id, model.Descriptor.DisplayName, model.Descriptor.Task, report.Validation.Valid,
                report.Validation.Errors, report.Validation.Warnings, report.Estimate, unsupported, without));
        }

        return new ComparisonReport(entries);
    }

    private async Task<EstimateReport> EstimateAsync(PluginCatalog current, ModelDefinition model, JsonObject input, IReadOnlyDictionary<string, double>? hints, CancellationToken cancellationToken, bool inspectMedia = true)
    {
        ValidationReport validation = await pipeline.ValidateAsync(current, model, input, cancellationToken, inspectMedia).ConfigureAwait(false);
        if (!validation.Valid)
        {
            return new EstimateReport(validation, null);
        }

        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var hintIssues = new List<ValidationIssue>();
        foreach ((string name, double value) in hints ?? new Dictionary<string, double>())
        {
            InputField? field = model.Schema.Fields.FirstOrDefault(f => f.Name == name && f.Media is not null);
            if (field is null)
            {
                hintIssues.Add(new ValidationIssue("/" + name, ErrorCodes.UnknownField,
                    $"a duration hint names '{name}', which is not a media input of {model.Id} (media inputs: {string.Join(", ", model.Schema.Fields.Where(f => f.Media is not null).Select(f => f.Name))})."));
            }
            else if (!validation.Media.ContainsKey(name))
            {
                hintIssues.AddRange(MediaInspector.CheckHintedDuration(field, value));
                seconds[name] = value;
            }
        }

        if (hintIssues.Count > 0)
        {
            return new EstimateReport(validation with { Errors = [.. validation.Errors, .. hintIssues] }, null);
        }

        foreach ((string field, MediaInfo info) in validation.Media)
        {
            if (info.DurationSeconds is double probed)
            {
                seconds[field] = probed; // a readable file's real duration always wins over a hint
            }
        }

        return new EstimateReport(validation, PriceCalculator.Estimate(model.Id, model.Pricing, validation.NormalizedInput, seconds));
    }
}

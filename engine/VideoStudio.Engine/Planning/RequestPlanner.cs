using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Planning;

/// <summary>
/// The one path from a request to a <see cref="RequestPlan"/>: the catalog snapshot, the model, the
/// <see cref="InputPipeline"/>, the duration hints merged with what the files say, and the pricing rule. The facade,
/// the jobs and the drift check all plan through here.
/// </summary>
public sealed class RequestPlanner(PluginCatalogHolder catalogs, InputPipeline pipeline)
{
    /// <summary>The current catalog snapshot.</summary>
    public Task<PluginCatalog> CatalogAsync(CancellationToken cancellationToken) => catalogs.GetAsync(cancellationToken);

    /// <summary>Resolves <paramref name="modelId"/> on the current catalog and plans the request.</summary>
    /// <exception cref="UnknownModelException">No model has that id or alias.</exception>
    public async Task<RequestPlan> PlanAsync(string modelId, JsonObject input, IReadOnlyDictionary<string, double>? mediaDurationHints, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await CatalogAsync(cancellationToken).ConfigureAwait(false);
        return await PlanAsync(catalog, catalog.Registry.Find(modelId), input, mediaDurationHints, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates and prices <paramref name="input"/> for a model already resolved; <paramref name="inspectMedia"/> false reads no media (a card example's illustrative URLs).</summary>
    public Task<RequestPlan> PlanAsync(PluginCatalog catalog, ModelDefinition model, JsonObject input, IReadOnlyDictionary<string, double>? hints, CancellationToken cancellationToken, bool inspectMedia = true) =>
        PlanWithAsync(pipeline, catalog, model, input, hints, cancellationToken, inspectMedia);

    /// <summary>The planning itself, for discovery, which plans card examples before any planner exists.</summary>
    internal static async Task<RequestPlan> PlanWithAsync(InputPipeline pipeline, PluginCatalog catalog, ModelDefinition model, JsonObject input, IReadOnlyDictionary<string, double>? hints, CancellationToken cancellationToken, bool inspectMedia = true)
    {
        ValidationReport validation = await pipeline.ValidateAsync(catalog, model, input, cancellationToken, inspectMedia).ConfigureAwait(false);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!validation.Valid)
        {
            return new RequestPlan(catalog, model, new EstimateReport(validation, null), seconds);
        }

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
            return new RequestPlan(catalog, model, new EstimateReport(validation with { Errors = [.. validation.Errors, .. hintIssues] }, null), seconds);
        }

        foreach ((string field, MediaInfo info) in validation.Media)
        {
            if (info.DurationSeconds is double probed)
            {
                seconds[field] = probed; // a readable file's real duration always wins over a hint
            }
        }

        return new RequestPlan(catalog, model, new EstimateReport(validation, PriceCalculator.Estimate(model.Id, model.Pricing, validation.NormalizedInput, seconds)), seconds);
    }

    /// <summary>
    /// The model's card example, validated and priced from its <c>exampleMediaSeconds</c> when its plugin was loaded
    /// (reading no media: the example's URLs are illustrative, on 127.0.0.1:9). Reading a card never runs plugin code.
    /// </summary>
    public Task<RequestPlan> PlanExampleAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken) =>
        catalog.ExampleOf(model) is EstimateReport kept
            ? Task.FromResult(new RequestPlan(catalog, model, kept, new Dictionary<string, double>(model.Card.ExampleMediaSeconds ?? new Dictionary<string, double>(), StringComparer.Ordinal)))
            : PlanExampleWithAsync(pipeline, catalog, model, cancellationToken);

    /// <summary>Plans a card example through the pipeline (at load, in the plugin's worker when it has code).</summary>
    internal static Task<RequestPlan> PlanExampleWithAsync(InputPipeline pipeline, PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken) =>
        PlanWithAsync(pipeline, catalog, model, model.Card.ExampleInput, model.Card.ExampleMediaSeconds, cancellationToken, inspectMedia: false);

    /// <summary>Validates only (schema, media, shapes, plugin rules and normalisers).</summary>
    public Task<ValidationReport> ValidateAsync(PluginCatalog catalog, ModelDefinition model, JsonObject input, CancellationToken cancellationToken, bool inspectMedia = true) =>
        pipeline.ValidateAsync(catalog, model, input, cancellationToken, inspectMedia);
}

using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Planning;

/// <summary>
/// One request resolved, validated and priced, once: what a job is accepted with and what the estimate answers.
/// Callers read it instead of looking the model up or merging duration hints again.
/// </summary>
/// <param name="Catalog">The catalog snapshot the request was planned on.</param>
/// <param name="Model">The model, resolved from the id or alias once.</param>
/// <param name="Report">Validation and, when valid, the price.</param>
/// <param name="MediaSeconds">The media durations the price used: a readable file's probed length, else the caller's hint.</param>
public sealed record RequestPlan(PluginCatalog Catalog, ModelDefinition Model, EstimateReport Report, IReadOnlyDictionary<string, double> MediaSeconds)
{
    /// <summary>The validated, normalised input.</summary>
    public JsonObject Input => Report.Validation.NormalizedInput;
}

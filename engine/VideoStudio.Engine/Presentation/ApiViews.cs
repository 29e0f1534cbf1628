using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Presentation;

/// <summary>
/// The JSON shapes the CLI prints with --json and the HTTP server answers with: one definition for both, and the
/// types /openapi/v1.json is generated from. Engine records (the stored job above all) never go on the wire
/// themselves: each answer is mapped to one of these.
/// </summary>
public static partial class ApiViews
{
    /// <summary>One line of `models --json`.</summary>
    public sealed record ModelSummary(string Id, IReadOnlyList<string> Aliases, string Family, string Task, string DisplayName, string Plugin, string PluginVersion);

    /// <summary>`validate --json`.</summary>
    public sealed record ValidationView(bool Valid, IReadOnlyList<IssueView> Errors, IReadOnlyList<IssueView> Warnings, JsonObject NormalizedInput);

    /// <summary>One issue.</summary>
    public sealed record IssueView(string Path, string Code, string Message);

    /// <summary>`estimate --json`.</summary>
    public sealed record EstimateView(
        string ModelId, string Currency, decimal? TotalUsd, decimal? HoldUsd, decimal? BilledSeconds, IReadOnlyList<PriceLineItem> LineItems,
        PriceProvenance Provenance, IReadOnlyList<string> Missing, string? UnknownReason, IReadOnlyList<IssueView> Warnings);

    /// <summary>`models show --json`.</summary>
    public sealed record ModelDetail(ModelSummary Model, IReadOnlyList<string> Capabilities, EducationCard Card, PriceSummary Price, ProcessingProfile Processing, string PluginStatus, string? PluginReason = null);

    /// <summary>A pricing rule in words and numbers.</summary>
    public sealed record PriceSummary(string Rule, Confidence Confidence, string Source, IReadOnlyList<string> Notes, string Version, decimal? ExampleUsd);

    /// <summary>Maps a model to its summary line.</summary>
    public static ModelSummary Summary(ModelDefinition m) =>
        new(m.Id, m.Descriptor.Aliases, m.Descriptor.Family, m.Descriptor.Task.Value, m.Descriptor.DisplayName, m.Descriptor.PluginId, m.PluginVersion);

    /// <summary>Maps a validation report.</summary>
    public static ValidationView Validation(ValidationReport r) =>
        new(r.Valid, r.Errors.Select(Issue).ToArray(), r.Warnings.Select(Issue).ToArray(), (JsonObject)UrlRedactor.RedactJson(r.NormalizedInput)!); // no URL secrets in answers

    /// <summary>Maps an issue.</summary>
    public static IssueView Issue(ValidationIssue i) => new(i.Path, i.Code, i.Message);

    /// <summary>Maps an estimate.</summary>
    public static EstimateView Estimate(PriceEstimate e, IReadOnlyList<ValidationIssue> warnings) =>
        new(e.ModelId, e.Currency, e.TotalUsd, e.HoldUsd, e.BilledSeconds, e.LineItems, e.Provenance, e.Missing, e.UnknownReason, warnings.Select(Issue).ToArray());

    /// <summary>A job in brief: `generate --json`. <see cref="State"/> is spelled as in <see cref="JobView"/> (kebab-case); <see cref="Text"/> is a text model's answer (a prompt optimizer's).</summary>
    public sealed record JobResult(string Id, string Model, JobState State, decimal? CostUsd, string? CostSource, string? OutputPath, string? PredictionId, Jobs.JobError? Error, string? Text = null);

    /// <summary>Maps a job to its brief result.</summary>
    public static JobResult Brief(JobView job) => new(job.Id, job.ModelId, job.State, job.FinalCostUsd ?? job.EstimateUsd, job.CostSource,
        job.Outputs.Count > 0 ? job.Outputs[0].LocalPath : null, job.PredictionId, job.Error, job.Outputs.Count > 0 ? job.Outputs[0].Text : null);

    /// <summary>Maps a model's details, with the price of its card example.</summary>
    public static ModelDetail Detail(ModelDefinition m, PluginInfo plugin, PriceEstimate? example) => new(
        Summary(m), m.Descriptor.Capabilities, m.Card, new PriceSummary(PriceRuleText.Describe(m.Pricing), m.Pricing.Confidence,
            m.Pricing.Source, m.Pricing.Notes, m.Pricing.Version, example?.TotalUsd), m.Processing, plugin.Status.ToString(), plugin.Reason);
}

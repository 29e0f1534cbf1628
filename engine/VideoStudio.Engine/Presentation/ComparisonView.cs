using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Engine.Presentation;

public static partial class ApiViews
{
    /// <summary>`compare --json` and <c>POST /v1/compare</c>: the same input validated and priced per model, in the order asked.</summary>
    /// <param name="Entries">One entry per model asked for.</param>
    public sealed record ComparisonView(IReadOnlyList<ComparisonEntryView> Entries);

    /// <summary>One model's answer to a compared input; issues have the shape of <see cref="IssueView"/>, prices of <see cref="PriceView"/>.</summary>
    /// <param name="ModelId">The model (as asked for when unknown).</param>
    /// <param name="DisplayName">Its display name; null when unknown.</param>
    /// <param name="Task">Its task kind; null when unknown.</param>
    /// <param name="Accepted">True when the model takes the input as it is.</param>
    /// <param name="Rejected">Why it would refuse the input as it is.</param>
    /// <param name="Warnings">Non-blocking notes.</param>
    /// <param name="Estimate">The price of the input as it is, when accepted.</param>
    /// <param name="WithoutFields">Fields the model does not take at all.</param>
    /// <param name="EstimateWithoutFields">The price with <paramref name="WithoutFields"/> removed, when that makes it acceptable.</param>
    public sealed record ComparisonEntryView(
        string ModelId, string? DisplayName, TaskKind? Task, bool Accepted, IReadOnlyList<IssueView> Rejected, IReadOnlyList<IssueView> Warnings,
        PriceView? Estimate, IReadOnlyList<string> WithoutFields, PriceView? EstimateWithoutFields);

    /// <summary>A price as a compare entry gives it: the fields of <see cref="EstimateView"/> without its warnings (the entry has them).</summary>
    public sealed record PriceView(
        string ModelId, string Currency, decimal? TotalUsd, decimal? HoldUsd, decimal? BilledSeconds, IReadOnlyList<PriceLineItem> LineItems,
        PriceProvenance Provenance, IReadOnlyList<string> Missing, string? UnknownReason);

    /// <summary>Maps a comparison.</summary>
    public static ComparisonView Comparison(ComparisonReport report) => new(report.Entries.Select(e => new ComparisonEntryView(
        e.ModelId, e.DisplayName, e.Task, e.Accepted, e.Rejected.Select(Issue).ToArray(), e.Warnings.Select(Issue).ToArray(),
        Price(e.Estimate), e.WithoutFields, Price(e.EstimateWithoutFields))).ToArray());

    private static PriceView? Price(PriceEstimate? e) => e is null ? null
        : new(e.ModelId, e.Currency, e.TotalUsd, e.HoldUsd, e.BilledSeconds, e.LineItems, e.Provenance, e.Missing, e.UnknownReason);
}

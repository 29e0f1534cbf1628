using VideoStudio.Contracts;

namespace VideoStudio.Engine.Pricing;

/// <summary>The same request validated and priced across several models.</summary>
/// <param name="Entries">One entry per model asked for, in the order asked.</param>
public sealed record ComparisonReport(IReadOnlyList<ComparisonEntry> Entries)
{
    /// <summary>
    /// The entries cheapest first, for a reader choosing a model: models that take the request with a known price
    /// (free work, a known $0, before any paid one), then those whose price only the provider can quote, then those
    /// that take it without some fields (by that price), then those that refuse it. Ties keep the order asked.
    /// </summary>
    /// <remarks>An unknown price sorts after every known one: it is unknown, never $0.</remarks>
    public IReadOnlyList<ComparisonEntry> CheapestFirst() =>
        Entries.OrderBy(Rank).ThenBy(e => (e.Accepted ? e.Estimate : e.EstimateWithoutFields)?.TotalUsd ?? 0m).ToArray();

    private static int Rank(ComparisonEntry e) => e switch
    {
        { Accepted: true, Estimate.TotalUsd: not null } => 0,
        { Accepted: true } => 1,
        { EstimateWithoutFields.TotalUsd: not null } => 2,
        _ => 3,
    };
}

/// <summary>One model's view of a compared request.</summary>
/// <param name="ModelId">The model (as asked for when unknown).</param>
/// <param name="DisplayName">Its display name, or null when unknown.</param>
/// <param name="Task">Its task kind, or null when unknown.</param>
/// <param name="Accepted">True when the model takes the request as it is.</param>
/// <param name="Rejected">Why it would refuse the request as it is (unknown model, unsupported fields, bad values).</param>
/// <param name="Warnings">Non-blocking notes.</param>
/// <param name="Estimate">The price of the request as it is, when accepted.</param>
/// <param name="WithoutFields">Fields the model does not take at all; when the only problem, <paramref name="EstimateWithoutFields"/> prices the request without them.</param>
/// <param name="EstimateWithoutFields">The price with <paramref name="WithoutFields"/> removed, when that makes it acceptable.</param>
public sealed record ComparisonEntry(
    string ModelId,
    string? DisplayName,
    TaskKind? Task,
    bool Accepted,
    IReadOnlyList<ValidationIssue> Rejected,
    IReadOnlyList<ValidationIssue> Warnings,
    PriceEstimate? Estimate,
    IReadOnlyList<string> WithoutFields,
    PriceEstimate? EstimateWithoutFields);

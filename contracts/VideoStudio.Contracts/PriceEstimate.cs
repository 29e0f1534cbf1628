namespace VideoStudio.Contracts;

/// <summary>
/// The price of one request. An unknown price is <see langword="null"/> with a reason, never zero.
/// </summary>
/// <param name="ModelId">The model priced.</param>
/// <param name="Currency">Always <c>USD</c>.</param>
/// <param name="TotalUsd">Best estimate of the charge, or null when it cannot be determined.</param>
/// <param name="HoldUsd">What a budget must reserve: equal to the total, or higher where the rule is uncertain; null when unknown.</param>
/// <param name="BilledSeconds">Seconds the rule bills, when the rule is time-based.</param>
/// <param name="LineItems">How the total is made up.</param>
/// <param name="Provenance">Where the rule comes from and how sure it is.</param>
/// <param name="Missing">Values the estimate needed but could not read (e.g. <c>/audio duration</c>), with how to supply them.</param>
/// <param name="UnknownReason">Why the price is unknown; null when it is known.</param>
public sealed record PriceEstimate(
    string ModelId,
    string Currency,
    decimal? TotalUsd,
    decimal? HoldUsd,
    decimal? BilledSeconds,
    IReadOnlyList<PriceLineItem> LineItems,
    PriceProvenance Provenance,
    IReadOnlyList<string> Missing,
    string? UnknownReason)
{
    /// <summary>Whether the price could be determined.</summary>
    public bool IsKnown => TotalUsd is not null;
}

namespace VideoStudio.Engine.Pricing;

/// <summary>
/// What a job with an input would cost and reserve, decided as submitting it would: the pricing rule's price when it
/// has one; else the provider's live quote; else nothing, and a job then needs a max cost to run.
/// </summary>
/// <param name="Report">The input's validation and the rule's estimate (null estimate: the input is not valid).</param>
/// <param name="LiveQuoteUsd">The provider's live quote; null when it gives none, or was not asked (the rule's price is documented).</param>
public sealed record PriceQuote(EstimateReport Report, decimal? LiveQuoteUsd)
{
    /// <summary>The pricing rule's estimate; null when the rule cannot price the input.</summary>
    public decimal? RuleUsd => Report.Estimate?.TotalUsd;

    /// <summary>What a job would record as its estimate: the rule's price, else the live quote; null when unknown.</summary>
    public decimal? EstimateUsd => RuleUsd ?? (Report.Estimate is { HoldUsd: null } ? LiveQuoteUsd : null);

    /// <summary>What a job reserves against budgets while it runs: the rule's hold, else the live quote; null when unknown.</summary>
    public decimal? HoldUsd => Report.Estimate is { } estimate ? estimate.HoldUsd ?? LiveQuoteUsd : null;

    /// <summary><c>pricing-rule</c>, <c>live-quote</c>, or null when the price is unknown.</summary>
    public string? Source => RuleUsd is not null ? "pricing-rule" : EstimateUsd is not null ? "live-quote" : null;

    /// <summary>True when a job with this input is refused unless it sets a max cost (a valid input, no price and no quote).</summary>
    public bool NeedsMaxCost => Report.Estimate is not null && HoldUsd is null;
}

namespace VideoStudio.Server.Api;

/// <summary>
/// Answer of <c>POST /v1/quote</c>: what a job with this input would cost and reserve, as <c>POST /v1/jobs</c> would
/// decide it. The rule's price when it has one; else the provider's live quote; else nothing, and a job then needs a
/// max cost (<c>maxCostUsd</c>) to run.
/// </summary>
/// <param name="ModelId">The model priced.</param>
/// <param name="RuleUsd">The pricing rule's estimate; null when the rule cannot price it.</param>
/// <param name="QuoteUsd">The provider's live quote; null when it gives none (or was not asked: the rule's price is documented).</param>
/// <param name="EstimateUsd">What the job would record as its estimate: the rule's price, else the quote; null when unknown.</param>
/// <param name="HoldUsd">What a job reserves against budgets while it runs: the rule's hold, else the quote; null when unknown.</param>
/// <param name="Source"><c>pricing-rule</c>, <c>live-quote</c>, or null when the price is unknown.</param>
/// <param name="UnknownReason">Why the rule cannot price it; null when it can.</param>
/// <param name="NeedsMaxCost">True when a job with this input is refused unless it sets <c>maxCostUsd</c> (no price and no quote).</param>
public sealed record QuoteView(
    string ModelId, decimal? RuleUsd, decimal? QuoteUsd, decimal? EstimateUsd, decimal? HoldUsd, string? Source, string? UnknownReason, bool NeedsMaxCost);

using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Tests.Pricing;

/// <summary>A quote decides the price as a submission would: the rule first, the live quote only where the rule has none.</summary>
public sealed class PriceQuoteTests
{
    [Fact]
    public void PriceQuote_RuleKnownAndQuoteGiven_RuleDecidesEstimateAndHold()
    {
        var quote = new PriceQuote(Report(total: 0.40m, hold: 0.48m), LiveQuoteUsd: 0.50m);

        (quote.RuleUsd, quote.EstimateUsd, quote.HoldUsd, quote.Source, quote.NeedsMaxCost).ShouldBe((0.40m, 0.40m, 0.48m, "pricing-rule", false));
    }

    [Fact]
    public void PriceQuote_RuleUnknownQuoteGiven_QuoteIsEstimateAndHold()
    {
        var quote = new PriceQuote(Report(total: null, hold: null), LiveQuoteUsd: 0.50m);

        (quote.RuleUsd, quote.EstimateUsd, quote.HoldUsd, quote.Source, quote.NeedsMaxCost).ShouldBe(((decimal?)null, 0.50m, 0.50m, "live-quote", false));
    }

    [Fact]
    public void PriceQuote_RuleUnknownNoQuote_UnknownNeverZeroAndNeedsMaxCost()
    {
        var quote = new PriceQuote(Report(total: null, hold: null), LiveQuoteUsd: null);

        (quote.EstimateUsd, quote.HoldUsd, quote.Source, quote.NeedsMaxCost).ShouldBe(((decimal?)null, (decimal?)null, (string?)null, true));
    }

    [Fact]
    public void PriceQuote_RuleHoldsWithoutATotal_QuoteNeitherEstimateNorHold()
    {
        var quote = new PriceQuote(Report(total: null, hold: 0.90m), LiveQuoteUsd: 0.50m);

        (quote.EstimateUsd, quote.HoldUsd, quote.Source).ShouldBe(((decimal?)null, 0.90m, (string?)null));
    }

    [Fact]
    public void PriceQuote_InvalidInput_NoPriceAndNoMaxCostAsked()
    {
        var quote = new PriceQuote(new EstimateReport(Validation(), null), LiveQuoteUsd: 0.50m);

        (quote.EstimateUsd, quote.HoldUsd, quote.NeedsMaxCost).ShouldBe(((decimal?)null, (decimal?)null, false));
    }

    private static EstimateReport Report(decimal? total, decimal? hold) => new(Validation(),
        new PriceEstimate("acme/t2v", "USD", total, hold, null, [], new PriceProvenance(Confidence.ThirdParty, "test", [], "1"), [], total is null ? "not priced" : null));

    private static ValidationReport Validation() => new("acme/t2v", [], [], new JsonObject(), new Dictionary<string, MediaInfo>());
}

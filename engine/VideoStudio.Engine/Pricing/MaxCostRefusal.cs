using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Pricing;

/// <summary>
/// The words of a max-cost refusal, for the API and the CLI alike: the estimate, the hold the max cost is compared
/// with, why the two differ, and the smallest max cost that would pass.
/// </summary>
public static class MaxCostRefusal
{
    /// <summary>Explains why a request held at <paramref name="hold"/> is refused under <paramref name="max"/>.</summary>
    /// <param name="estimate">The rule's estimate (its total may be unknown).</param>
    /// <param name="quote">The provider's live quote, when the rule had no price.</param>
    /// <param name="hold">What the job would reserve while it runs.</param>
    /// <param name="max">The caller's max cost.</param>
    public static string Explain(PriceEstimate estimate, decimal? quote, decimal hold, decimal max)
    {
        string estimated = estimate.TotalUsd is decimal total ? $"estimated at {Usd(total)}"
            : quote is decimal q ? $"quoted by the provider at {Usd(q)} (the pricing rule has no price: {estimate.UnknownReason})"
            : "of unknown price";
        string why = estimate.TotalUsd is decimal t && hold > t
            ? $" The hold is higher than the estimate because this price is {Words(estimate.Provenance.Confidence)}: a budget reserves the most the provider may bill, and releases the rest when the job ends."
            : string.Empty;
        return $"Refused before anything was uploaded or submitted: this {estimate.ModelId} request is {estimated}, and {Usd(hold)} is held while it runs, "
            + $"above --max-cost (maxCostUsd) {Usd(max)}; the max cost is compared with the hold.{why} A max cost of {Usd(hold)} or more would pass.";
    }

    private static string Words(Confidence confidence) => confidence switch
    {
        Confidence.Documented => "documented but rounded by the provider in ways the rule cannot see",
        Confidence.Sdk => "taken from the provider's SDK, not its price page",
        Confidence.ThirdParty => "from a third party, not confirmed by the provider",
        _ => "not confirmed",
    };

    private static string Usd(decimal value) => "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}

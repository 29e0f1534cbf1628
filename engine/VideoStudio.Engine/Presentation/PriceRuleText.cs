using System.Globalization;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Engine.Presentation;

/// <summary>A pricing rule in one line a person reads, e.g. "per second of /duration × rate by resolution: 480p $0.05, 720p $0.10".</summary>
internal static class PriceRuleText
{
    /// <summary>Describes the rule.</summary>
    public static string Describe(PricingRule rule)
    {
        if (rule.Free is string reason)
        {
            return PriceCalculator.FreeLabel(reason);
        }

        BillingRule b = rule.Billing;
        string source = b.Duration is null ? string.Empty
            : b.Duration.FromMedia ? $" of the /{b.Duration.Field} media's probed duration" : $" of /{b.Duration.Field}";
        string unit = b.Unit switch
        {
            BillingUnit.Second => "per second" + source,
            BillingUnit.Block => $"per {Num(b.BlockSeconds!.Value)} s{(b.BlockRounding == BlockRounding.Up ? " block (started blocks)" : " (pro rata)")}" + source,
            _ => "per run",
        };
        string limits = (b.RoundSecondsUp ? ", rounded up to whole seconds" : string.Empty)
            + (b.MinSeconds is decimal min ? $", minimum {Num(min)} s" : string.Empty)
            + (b.MaxSeconds is decimal max ? $", maximum {Num(max)} s" : string.Empty);
        string rate = rule.Rate.By is null
            ? Value(rule.Rate.Flat)
            : $"by {rule.Rate.By}: " + string.Join(", ", rule.Rate.ByValue.Select(kv => $"{kv.Key} {Value(kv.Value)}"));
        string multipliers = string.Concat(rule.Multipliers.Select(m => $"; ×{Num(m.Factor)} when {m.Field} = {m.EqualsValue} ({m.Label})"));
        return $"{unit}{limits} × {rate}{multipliers}";
    }

    private static string Value(RateValue? v) => v?.Usd is decimal usd ? "$" + usd.ToString("0.00##", CultureInfo.InvariantCulture) : "unknown";

    private static string Num(decimal d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}

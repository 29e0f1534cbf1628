using System.Globalization;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Simulator.Wire;

/// <summary>
/// A readable stand-in for WaveSpeed's JSONata <c>formula</c>, derived from our pricing rule, e.g.
/// <c>{"total_price": duration * 0.06}</c>. It documents the rule; nobody evaluates it.
/// </summary>
internal static class FormulaText
{
    public static string Describe(PricingRule rule)
    {
        BillingRule b = rule.Billing;
        string seconds = b.Duration is null ? "1"
            : b.Duration.FromMedia ? $"get_duration_v3({b.Duration.Field})" : b.Duration.Field;
        if (b.RoundSecondsUp)
        {
            seconds = $"$ceil({seconds})";
        }

        if (b.MinSeconds is decimal min)
        {
            seconds = $"$max([{Num(min)}, {seconds}])";
        }

        if (b.MaxSeconds is decimal max)
        {
            seconds = $"$min([{seconds}, {Num(max)}])";
        }

        string units = b.Unit switch
        {
            BillingUnit.Second => seconds,
            BillingUnit.Block when b.BlockRounding == BlockRounding.Up => $"$ceil({seconds} / {Num(b.BlockSeconds!.Value)})",
            BillingUnit.Block => $"{seconds} / {Num(b.BlockSeconds!.Value)}",
            _ => "1",
        };
        string rate = rule.Rate.By is null
            ? Usd(rule.Rate.Flat)
            : "(" + string.Join(" : ", rule.Rate.ByValue.Select(kv => $"{rule.Rate.By} = \"{kv.Key}\" ? {Usd(kv.Value)}").Append("null")) + ")";
        string multipliers = string.Concat(rule.Multipliers.Select(m => $" * ({m.Field} = \"{m.EqualsValue}\" ? {Num(m.Factor)} : 1)"));
        return $"{{\"total_price\": {units} * {rate}{multipliers}}}";
    }

    /// <summary>The cheapest rate in the rule: WaveSpeed's <c>base_price</c> floor.</summary>
    public static decimal? BasePrice(PricingRule rule) =>
        rule.Rate.By is null ? rule.Rate.Flat?.Usd : rule.Rate.ByValue.Values.Select(v => v.Usd).Where(u => u is not null).Min();

    private static string Usd(RateValue? v) => v?.Usd is decimal usd ? usd.ToString("0.####", CultureInfo.InvariantCulture) : "null";

    private static string Num(decimal d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}

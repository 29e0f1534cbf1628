using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Pricing;

/// <summary>
/// Evaluates a <see cref="PricingRule"/> over a normalised input in <see langword="decimal"/>. Never guesses:
/// a value it cannot read makes the price unknown, with the value named in <see cref="PriceEstimate.Missing"/>.
/// </summary>
public static class PriceCalculator
{
    private const int Decimals = 4;

    /// <summary>
    /// Longest duration a price is computed for (about 115 days). Above it (or for a negative, NaN or infinite
    /// value) the price is unknown: a real request never gets there, and decimal arithmetic must not overflow.
    /// </summary>
    public const double MaxPricedSeconds = 10_000_000;

    /// <summary>Prices one request.</summary>
    /// <param name="modelId">The model, for the estimate's record.</param>
    /// <param name="rule">The model's pricing rule.</param>
    /// <param name="input">The normalised input (schema defaults applied).</param>
    /// <param name="mediaSeconds">Duration per media field, probed or given as a hint.</param>
    public static PriceEstimate Estimate(string modelId, PricingRule rule, JsonObject input, IReadOnlyDictionary<string, double> mediaSeconds)
    {
        PriceEstimate estimate;
        try
        {
            estimate = EstimateUnchecked(modelId, rule, input, mediaSeconds);
        }
        catch (OverflowException)
        {
            // Only absurd rule data (a rate near decimal's limit) gets here: unknown, never an exception or a wrapped amount.
            return new PriceEstimate(modelId, "USD", null, null, null, [], new PriceProvenance(rule.Confidence, rule.Source, rule.Notes, rule.Version), [],
                "the pricing rule's amount is beyond any real price, which is a data error in the plugin");
        }

        // The parser refuses negative rates, factors and bounds, so this is a last line: money is never below zero.
        return estimate.TotalUsd < 0 || estimate.HoldUsd < 0
            ? estimate with { TotalUsd = null, HoldUsd = null, UnknownReason = "the pricing rule yields a negative amount, which is a data error in the plugin" }
            : estimate;
    }

    /// <summary>The label of a free rule's one line, e.g. "free (runs locally)": what estimates and the console show.</summary>
    public static string FreeLabel(string reason) => $"free ({reason})";

    private static PriceEstimate EstimateUnchecked(string modelId, PricingRule rule, JsonObject input, IReadOnlyDictionary<string, double> mediaSeconds)
    {
        if (rule.Free is string reason)
        {
            // Explicitly free: a known $0, held as $0, so budgets reserve and spend nothing for it.
            return new PriceEstimate(modelId, "USD", 0m, 0m, null, [new PriceLineItem(FreeLabel(reason), 0m)],
                new PriceProvenance(rule.Confidence, rule.Source, rule.Notes, rule.Version), [], null);
        }

        Evaluation main = Evaluate(rule, input, mediaSeconds);
        Confidence confidence = Weakest(rule.Confidence, main.RateConfidence);
        var notes = rule.Notes.Concat(main.RateNote is null ? [] : [main.RateNote]).ToList();
        var provenance = new PriceProvenance(confidence, rule.Source, notes, rule.Version);
        if (main.Total is null)
        {
            return new PriceEstimate(modelId, "USD", null, null, main.BilledSeconds, main.Lines, provenance, main.Missing, main.UnknownReason);
        }

        decimal total = Math.Round(main.Total.Value, Decimals, MidpointRounding.AwayFromZero);
        decimal hold = total;
        if (rule.Hold is not null)
        {
            Evaluation held = Evaluate(rule.Hold, input, mediaSeconds);
            if (held.Total is null)
            {
                return new PriceEstimate(modelId, "USD", total, null, main.BilledSeconds, main.Lines, provenance, held.Missing, null);
            }

            // A hold is never below the estimate, and rounds up so a budget is never under-reserved.
            hold = Math.Max(total, Math.Ceiling(held.Total.Value * 10_000m) / 10_000m);
        }

        return new PriceEstimate(modelId, "USD", total, hold, main.BilledSeconds, main.Lines, provenance, [], null);
    }

    private sealed record Evaluation(
        decimal? Total, decimal? BilledSeconds, IReadOnlyList<PriceLineItem> Lines, IReadOnlyList<string> Missing,
        string? UnknownReason, Confidence? RateConfidence, string? RateNote);

    private static Evaluation Evaluate(PricingRule rule, JsonObject input, IReadOnlyDictionary<string, double> mediaSeconds)
    {
        BillingRule billing = rule.Billing;
        var missing = new List<string>();
        decimal? seconds = null;
        if (billing.Duration is { } source)
        {
            seconds = ReadSeconds(source, input, mediaSeconds, missing);
        }

        (RateValue? rate, string rateLabel, string? rateProblem) = SelectRate(rule.Rate, input);
        if (seconds is null && billing.Unit != BillingUnit.Run)
        {
            return new Evaluation(null, null, [], missing, $"the billed duration is unknown: {string.Join("; ", missing)}", rate?.Confidence, rate?.Note);
        }

        decimal? billed = seconds is null ? null : BilledSeconds(billing, seconds.Value);
        // Say so when the rule's minimum (or cap) and not the input decides the bill: "5 s minimum (input 3 s)".
        string clamp = seconds is decimal raw && billed is decimal b && b != (billing.RoundSecondsUp ? Math.Ceiling(raw) : raw)
            ? $" ({(b > raw ? "minimum" : "maximum")} {Format(b)} s; input {Format(raw)} s)"
            : string.Empty;
        if (rate?.Usd is not decimal unitPrice)
        {
            string reason = rateProblem ?? $"no confirmed price{rateLabel}{(rate?.Note is null ? string.Empty : $": {rate.Note}")}; a live quote is required";
            return new Evaluation(null, billed, [], missing, reason, rate?.Confidence ?? Confidence.Unconfirmed, rate?.Note);
        }

        (decimal units, string unitLabel) = billing.Unit switch
        {
            BillingUnit.Second => (billed!.Value, $"{Format(billed.Value)} s × {Usd(unitPrice)}/s"),
            BillingUnit.Block when billing.BlockRounding == BlockRounding.Up =>
                (Math.Ceiling(billed!.Value / billing.BlockSeconds!.Value), $"{Math.Ceiling(billed.Value / billing.BlockSeconds.Value)} started {Format(billing.BlockSeconds.Value)}-s blocks ({Format(billed.Value)} s) × {Usd(unitPrice)}"),
            BillingUnit.Block =>
                (billed!.Value / billing.BlockSeconds!.Value, $"{Format(billed.Value)} s × {Usd(unitPrice)} per {Format(billing.BlockSeconds.Value)} s"),
            _ => (1m, $"1 run × {Usd(unitPrice)}"),
        };

        decimal total = units * unitPrice;
        var lines = new List<PriceLineItem> { new(unitLabel + rateLabel + clamp, Math.Round(total, Decimals, MidpointRounding.AwayFromZero)) };
        foreach (PriceMultiplier multiplier in rule.Multipliers)
        {
            if (input[multiplier.Field] is JsonNode value && PricingRuleParser.InvariantKey(value) == multiplier.EqualsValue)
            {
                decimal added = total * (multiplier.Factor - 1m);
                total *= multiplier.Factor;
                lines.Add(new PriceLineItem($"{multiplier.Label} ×{Format(multiplier.Factor)}", Math.Round(added, Decimals, MidpointRounding.AwayFromZero)));
            }
        }

        return new Evaluation(total, billed, lines, missing, null, rate.Confidence, rate.Note);
    }

    private static decimal? ReadSeconds(DurationSource source, JsonObject input, IReadOnlyDictionary<string, double> mediaSeconds, List<string> missing)
    {
        if (source.FromMedia)
        {
            if (mediaSeconds.TryGetValue(source.Field, out double probed))
            {
                if (double.IsFinite(probed) && probed is >= 0 and <= MaxPricedSeconds)
                {
                    return (decimal)probed;
                }

                missing.Add($"duration of /{source.Field} ({probed.ToString(CultureInfo.InvariantCulture)} s is not a usable duration: it must be between 0 and {MaxPricedSeconds.ToString(CultureInfo.InvariantCulture)} s)");
                return null;
            }

            missing.Add($"duration of /{source.Field} (the media could not be read; pass it as a hint: --media-duration {source.Field}=SECONDS)");
            return null;
        }

        if (JsonNumbers.TryGetDecimal(input[source.Field], out decimal fieldSeconds))
        {
            if (fieldSeconds is >= 0 and <= (decimal)MaxPricedSeconds)
            {
                return fieldSeconds;
            }

            missing.Add($"/{source.Field} ({Format(fieldSeconds)} s is not a usable duration: it must be between 0 and {MaxPricedSeconds.ToString(CultureInfo.InvariantCulture)} s)");
            return null;
        }

        missing.Add($"/{source.Field} (no value and no default)");
        return null;
    }

    private static decimal BilledSeconds(BillingRule billing, decimal seconds)
    {
        decimal billed = billing.RoundSecondsUp ? Math.Ceiling(seconds) : seconds;
        if (billing.MinSeconds is decimal min && billed < min)
        {
            billed = min;
        }

        if (billing.MaxSeconds is decimal max && billed > max)
        {
            billed = max;
        }

        return billed;
    }

    private static (RateValue? Rate, string Label, string? Problem) SelectRate(RateTable table, JsonObject input)
    {
        if (table.By is null)
        {
            return (table.Flat, string.Empty, null);
        }

        if (input[table.By] is not JsonNode node)
        {
            return (null, string.Empty, $"/{table.By} has no value and no default, so the rate cannot be chosen");
        }

        string key = PricingRuleParser.InvariantKey(node);
        return table.ByValue.TryGetValue(key, out RateValue? rate)
            ? (rate, $" ({table.By} {key})", null)
            : (null, $" ({table.By} {key})", $"no published rate for {table.By} '{key}' (priced values: {string.Join(", ", table.ByValue.Keys)})");
    }

    private static Confidence Weakest(Confidence a, Confidence? b) => b is Confidence other && other > a ? other : a;

    private static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}

using VideoStudio.Contracts;

namespace VideoStudio.Engine.Pricing;

/// <summary>
/// A model's price, as data (<c>schemas/pricing.schema.json</c>): total = units × rate × matching multipliers.
/// </summary>
public sealed record PricingRule(
    string Version,
    string Source,
    Confidence Confidence,
    IReadOnlyList<string> Notes,
    BillingRule Billing,
    RateTable Rate,
    IReadOnlyList<PriceMultiplier> Multipliers,
    PricingRule? Hold)
{
    /// <summary>Why the model bills nothing (e.g. <c>runs locally</c>) when the rule marks it free; null for a priced rule.</summary>
    public string? Free { get; init; }

    /// <summary>The rule a <c>free</c> pricing file stands for: nothing billed, and the reason.</summary>
    public static PricingRule FreeOf(string version, string source, Confidence confidence, IReadOnlyList<string> notes, string reason) =>
        new(version, source, confidence, notes, new BillingRule(BillingUnit.Run, null, BlockRounding.Prorata, null, false, null, null), new RateTable(null, null, new Dictionary<string, RateValue>()), [], null)
        {
            Free = reason,
        };
}

/// <summary>How many units a request bills.</summary>
public sealed record BillingRule(
    BillingUnit Unit,
    decimal? BlockSeconds,
    BlockRounding BlockRounding,
    DurationSource? Duration,
    bool RoundSecondsUp,
    decimal? MinSeconds,
    decimal? MaxSeconds);

/// <summary>The unit a rule charges per.</summary>
public enum BillingUnit
{
    /// <summary>Per billed second.</summary>
    Second,

    /// <summary>Per block of <see cref="BillingRule.BlockSeconds"/> seconds.</summary>
    Block,

    /// <summary>Per run, whatever its length.</summary>
    Run,
}

/// <summary>How partial blocks are billed.</summary>
public enum BlockRounding
{
    /// <summary>seconds / blockSeconds.</summary>
    Prorata,

    /// <summary>Whole started blocks.</summary>
    Up,
}

/// <summary>Where billed seconds come from.</summary>
/// <param name="FromMedia">True: the probed duration of a media field; false: an input field's value.</param>
/// <param name="Field">The input field.</param>
public sealed record DurationSource(bool FromMedia, string Field);

/// <summary>Rate per unit, flat or selected by an input field's value.</summary>
/// <param name="By">Field whose value selects the rate, or null for a flat rate.</param>
/// <param name="Flat">The flat rate when <paramref name="By"/> is null.</param>
/// <param name="ByValue">Rate per field value (invariant string form) when <paramref name="By"/> is set.</param>
public sealed record RateTable(string? By, RateValue? Flat, IReadOnlyDictionary<string, RateValue> ByValue);

/// <summary>One rate: USD per unit (null = unknown), with its own provenance where it differs from the rule's.</summary>
public sealed record RateValue(decimal? Usd, Confidence? Confidence, string? Note);

/// <summary>A factor applied when an input field has a given value.</summary>
public sealed record PriceMultiplier(string Field, string EqualsValue, decimal Factor, string Label);

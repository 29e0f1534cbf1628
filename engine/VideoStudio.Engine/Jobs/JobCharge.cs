namespace VideoStudio.Engine.Jobs;

/// <summary>
/// What a finished job was estimated to cost beside what the provider charged for it, and where each figure comes
/// from. The charge is read from the provider's billing records after the job ends; until a record appears it is
/// "not yet known" (<see cref="ChargedUsd"/> null), never $0.
/// </summary>
public sealed record JobCharge
{
    /// <summary>Our estimate when the job was accepted (decimal USD); null when it was unknown.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>Where the estimate comes from: <c>pricing-rule</c> (the model's rule file, <see cref="PricingRuleFile"/>) or <c>live-quote</c>.</summary>
    public required string EstimateSource { get; init; }

    /// <summary>The plugin file holding the model's pricing rule (the file to fix when charges drift from it).</summary>
    public string? PricingRuleFile { get; init; }

    /// <summary>What the provider charged; null while not known.</summary>
    public decimal? ChargedUsd { get; init; }

    /// <summary>Where the charge comes from: <c>provider-billing</c> (the provider's billing records) once known.</summary>
    public string? ChargeSource { get; init; }

    /// <summary>
    /// How far the charge's source is to be trusted: <c>third-party</c> — the billing-records call is known only
    /// from independent clients, not from the provider's documentation (wavespeed-api.md §21).
    /// </summary>
    public string Confidence { get; init; } = ChargeLookup.Confidence;

    /// <summary>Where the lookup stands.</summary>
    public required JobChargeStatus Status { get; init; }

    /// <summary>Lookups made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next lookup is due (while <see cref="JobChargeStatus.Pending"/>).</summary>
    public DateTimeOffset? NextLookupAt { get; init; }

    /// <summary>When the provider's record was last asked for.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Why the charge is not known, when it is not.</summary>
    public string? Note { get; init; }
}

/// <summary>Where a job's charge lookup stands.</summary>
public enum JobChargeStatus
{
    /// <summary>Not known yet; another lookup is scheduled.</summary>
    Pending,

    /// <summary>The provider's billing record was found; <see cref="JobCharge.ChargedUsd"/> holds it.</summary>
    Known,

    /// <summary>No record appeared within the lookup schedule (or the provider is gone): the estimate stands, the charge stays unknown.</summary>
    Unavailable,
}

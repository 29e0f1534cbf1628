namespace VideoStudio.Engine.Jobs.Charges;

/// <summary>
/// Our estimates against the provider's charges, per model, over the jobs that ended after acceptance since
/// <see cref="Since"/>. A model whose charges differ from its estimates by more than <see cref="ThresholdPercent"/>
/// is flagged with the pricing rule file to fix.
/// </summary>
/// <param name="Since">Start of the period (the UTC month).</param>
/// <param name="ThresholdPercent">The drift that flags a model (<see cref="JobOptions.ChargeDriftThresholdPercent"/>).</param>
/// <param name="ChargeSource">Where the charges come from, and how far it is trusted.</param>
/// <param name="Models">One entry per model, largest drift first.</param>
public sealed record ChargeReport(DateTimeOffset Since, decimal ThresholdPercent, string ChargeSource, IReadOnlyList<ModelCharges> Models);

/// <summary>One model's estimates against its charges.</summary>
/// <param name="ModelId">The model.</param>
/// <param name="Jobs">Jobs with a charge record.</param>
/// <param name="ChargedJobs">Jobs whose charge is known (the only ones compared).</param>
/// <param name="PendingJobs">Jobs whose charge is not known yet.</param>
/// <param name="UnavailableJobs">Jobs whose charge never appeared (their estimate stands).</param>
/// <param name="EstimatedUsd">Sum of the estimates of the charged jobs with a known estimate.</param>
/// <param name="ChargedUsd">Sum of their charges.</param>
/// <param name="DriftUsd">Charged minus estimated (negative: we over-estimate).</param>
/// <param name="DriftPercent">Drift as a percentage of the estimate; null when nothing compared or the estimate is $0.</param>
/// <param name="PricingRuleToFix">When the drift is beyond the threshold: the pricing rule file to fix; else null.</param>
/// <param name="Advice">What the drift means, when flagged.</param>
public sealed record ModelCharges(
    string ModelId, int Jobs, int ChargedJobs, int PendingJobs, int UnavailableJobs,
    decimal EstimatedUsd, decimal ChargedUsd, decimal DriftUsd, decimal? DriftPercent, string? PricingRuleToFix, string? Advice)
{
    /// <summary>True when the drift is beyond the threshold: the pricing rule needs fixing.</summary>
    public bool Flagged => PricingRuleToFix is not null;
}

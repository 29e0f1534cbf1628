using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Charges;

namespace VideoStudio.Tests.Jobs.Charges;

/// <summary>Estimates against charges per model: only known charges compared, drift beyond the threshold names the rule file.</summary>
public sealed class ChargeReportBuilderTests
{
    private static readonly DateTimeOffset Since = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobRecord Job(string model, decimal? estimate, decimal? charged, JobChargeStatus status = JobChargeStatus.Known) =>
        StoreRecords.Queued(hold: estimate) with
        {
            ModelId = model,
            State = JobState.Completed,
            Charge = new JobCharge { EstimatedUsd = estimate, EstimateSource = "pricing-rule", ChargedUsd = charged, Status = status },
        };

    [Fact]
    public void Build_ChargesAboveTheRuleBeyondTheThreshold_FlagsTheModelWithItsRuleFile()
    {
        JobRecord[] jobs = [Job("a/drifts", 1m, 1.25m), Job("a/drifts", 1m, 1.25m), Job("a/drifts", 1m, null, JobChargeStatus.Pending), Job("b/exact", 0.5m, 0.51m)];

        ChargeReport report = ChargeReportBuilder.Build(jobs, Since, 5m, m => $"/plugins/{m}.pricing.json");

        ModelCharges drifting = report.Models[0];
        drifting.ModelId.ShouldBe("a/drifts");
        drifting.Jobs.ShouldBe(3);
        drifting.ChargedJobs.ShouldBe(2);
        drifting.PendingJobs.ShouldBe(1);
        drifting.EstimatedUsd.ShouldBe(2m, "the pending job is not compared");
        drifting.ChargedUsd.ShouldBe(2.5m);
        drifting.DriftPercent.ShouldBe(25m);
        drifting.PricingRuleToFix.ShouldBe("/plugins/a/drifts.pricing.json");
        drifting.Advice!.ShouldContain("Pricing rule to fix");
        ModelCharges exact = report.Models[1];
        exact.DriftPercent.ShouldBe(2m);
        exact.Flagged.ShouldBeFalse();
        report.ChargeSource.ShouldContain("third-party");
    }

    [Fact]
    public void Build_ChargesBelowTheRule_FlaggedAsNegativeDrift()
    {
        ChargeReport report = ChargeReportBuilder.Build([Job("a/cheap", 2m, 1m)], Since, 10m, _ => "rule.json");

        report.Models.Single().DriftUsd.ShouldBe(-1m);
        report.Models.Single().DriftPercent.ShouldBe(-50m);
        report.Models.Single().Flagged.ShouldBeTrue();
    }

    [Fact]
    public void Build_OnlyPendingOrUnavailableCharges_NothingComparedNothingFlagged()
    {
        ChargeReport report = ChargeReportBuilder.Build(
            [Job("a/x", 1m, null, JobChargeStatus.Pending), Job("a/x", 1m, null, JobChargeStatus.Unavailable)], Since, 5m, _ => "rule.json");

        ModelCharges model = report.Models.Single();
        model.ChargedJobs.ShouldBe(0);
        model.UnavailableJobs.ShouldBe(1);
        model.DriftPercent.ShouldBeNull();
        model.Flagged.ShouldBeFalse();
    }

    [Fact]
    public void Build_ModelNoLongerInstalled_StillFlaggedAndSaysSo()
    {
        ChargeReport report = ChargeReportBuilder.Build([Job("gone/model", 1m, 2m)], Since, 5m, _ => null);

        report.Models.Single().PricingRuleToFix!.ShouldContain("no longer installed");
    }
}

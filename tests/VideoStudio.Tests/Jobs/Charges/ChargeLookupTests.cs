using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Tests.Jobs.Charges;

/// <summary>Which finished jobs get a charge lookup, and the bounded schedule it follows.</summary>
public sealed class ChargeLookupTests
{
    private static readonly IReadOnlyList<TimeSpan> Delays = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)];
    private static readonly DateTimeOffset Now = StoreRecords.Now;

    [Theory]
    [InlineData(JobState.Completed)]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    public void ScheduleFirst_EndedAfterAcceptance_PendingDueAfterTheFirstDelay(JobState state)
    {
        JobRecord job = StoreRecords.Queued(hold: 0.6m).MoveTo(state, Now) with { PredictionId = "p1", EstimateSource = "pricing-rule" };

        JobCharge charge = ChargeLookup.ScheduleFirst(job, Now, Delays).Charge!;

        charge.Status.ShouldBe(JobChargeStatus.Pending);
        charge.NextLookupAt.ShouldBe(Now.AddSeconds(5));
        charge.EstimatedUsd.ShouldBe(0.6m);
        charge.ChargedUsd.ShouldBeNull();
        charge.Confidence.ShouldBe("third-party");
    }

    [Fact]
    public void ScheduleFirst_NeverAccepted_NoLookup()
    {
        JobRecord refused = StoreRecords.Queued().MoveTo(JobState.Failed, Now);

        ChargeLookup.ScheduleFirst(refused, Now, Delays).Charge.ShouldBeNull("nothing was created at the provider, so there is nothing to bill");
    }

    [Fact]
    public void ScheduleFirst_FreeWorkEnded_NoLookup()
    {
        JobRecord local = StoreRecords.Queued(hold: 0m).MoveTo(JobState.Completed, Now) with { PredictionId = "local:1", EstimateSource = CostSources.Free };

        ChargeLookup.ScheduleFirst(local, Now, Delays).Charge.ShouldBeNull("no provider bills free work, so no billing record is asked for");
    }

    [Fact]
    public void ScheduleFirst_StillRunning_NoLookup()
    {
        JobRecord running = StoreRecords.Queued().MoveTo(JobState.Processing, Now) with { PredictionId = "p1" };

        ChargeLookup.ScheduleFirst(running, Now, Delays).Charge.ShouldBeNull();
    }

    [Fact]
    public void NotYet_PastTheLastDelay_UnavailableWithNoChargeAndNoNextLookup()
    {
        JobRecord job = ChargeLookup.ScheduleFirst(StoreRecords.Queued().MoveTo(JobState.Completed, Now) with { PredictionId = "p1" }, Now, Delays);

        JobRecord second = ChargeLookup.NotYet(job, Now.AddSeconds(5), Delays, "no record");
        JobRecord last = ChargeLookup.NotYet(second, Now.AddMinutes(2), Delays, "no record");

        second.Charge!.NextLookupAt.ShouldBe(Now.AddSeconds(5).AddMinutes(1));
        last.Charge!.Status.ShouldBe(JobChargeStatus.Unavailable);
        last.Charge.NextLookupAt.ShouldBeNull();
        last.Charge.ChargedUsd.ShouldBeNull();
        last.Charge.Attempts.ShouldBe(2);
        last.Charge.Note!.ShouldContain("estimate stands");
    }

    [Fact]
    public void Known_Charge_SettlesTheCostToTheProvidersFigure()
    {
        JobRecord job = ChargeLookup.ScheduleFirst(StoreRecords.Queued(hold: 1m).MoveTo(JobState.Completed, Now) with { PredictionId = "p1", FinalCostUsd = 1m, CostSource = "estimated" }, Now, Delays);

        JobRecord known = ChargeLookup.Known(job, 0.8m, Now.AddSeconds(5));

        known.FinalCostUsd.ShouldBe(0.8m);
        known.CostSource.ShouldBe("provider-billing");
        known.Charge!.ChargedUsd.ShouldBe(0.8m);
        known.Charge.EstimatedUsd.ShouldBe(1m);
        known.Charge.NextLookupAt.ShouldBeNull();
    }
}

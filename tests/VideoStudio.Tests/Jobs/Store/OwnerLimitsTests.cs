using VideoStudio.Engine.Jobs;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>Per-owner limits: an owner's own entry where set, the defaults otherwise; each wrong value refused naming the setting.</summary>
public sealed class OwnerLimitsTests
{
    private static readonly DateTimeOffset Now = StoreRecords.Now;

    // As a host validates at start: the DataAnnotations of JobOptions and its validator of rules spanning settings.
    private static string? Failure(Action<JobOptions> change) => OptionsFailures.Of(change);

    [Fact]
    public void For_OwnerWithoutAnEntry_GetsTheDefaults()
    {
        var options = new JobOptions { DailyCapUsd = 5m, MonthlyCapUsd = 50m };

        BudgetCaps caps = OwnerLimits.For(options, "alice", Now);

        caps.ShouldBe(new BudgetCaps(5m, 50m, Now) { MaxQueuedJobs = 10_000 });
    }

    [Fact]
    public void For_OwnerWithAnEntry_OwnValuesWhereSetDefaultsElsewhere()
    {
        var options = new JobOptions { DailyCapUsd = 5m, MonthlyCapUsd = 50m };
        options.Owners["bob"] = new OwnerLimits { DailyCapUsd = 100m, MaxQueuedJobs = 3 };

        BudgetCaps caps = OwnerLimits.For(options, "bob", Now);

        caps.ShouldBe(new BudgetCaps(100m, 50m, Now) { MaxQueuedJobs = 3 });
        OwnerLimits.For(options, "alice", Now).DailyUsd.ShouldBe(5m);
    }

    [Fact]
    public void Validate_ZeroQueuedJobsPerOwner_NamesTheSetting() =>
        Failure(o => o.MaxQueuedJobsPerOwner = 0)!.ShouldContain("VideoStudio:Jobs:MaxQueuedJobsPerOwner is 0");

    [Fact]
    public void Validate_OwnersNegativeCap_NamesTheOwnersSetting() =>
        Failure(o => o.Owners["bob"] = new OwnerLimits { MonthlyCapUsd = -1m })!.ShouldContain("VideoStudio:Jobs:Owners:bob:");

    [Fact]
    public void Validate_NegativeDefaultCap_Refused() =>
        Failure(o => o.DailyCapUsd = -1m)!.ShouldContain("DailyCapUsd");
}

using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// One clock: two hosts whose own clocks are 45 s ahead of and behind the store's still agree on when a lease lapses,
/// when the submission minute ends, when a delivery claim lapses and which day a cap counts, because the store
/// measures all of them on its own clock.
/// </summary>
public abstract partial class JobStoreConformance
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(45);

    private IJobStore Ahead() => NewStore(new SkewedClock(Clock, Skew));

    private IJobStore Behind() => NewStore(new SkewedClock(Clock, -Skew));

    [Fact]
    public async Task ClaimAsync_HostClocksSkewed45Seconds_LeaseLapsesOnlyOnTheStoresClock()
    {
        IJobStore ahead = Ahead(), behind = Behind();
        (JobRecord fromBehind, _) = await CreateAsync(behind, StoreRecords.Queued(), worker: "behind");
        (JobRecord fromAhead, _) = await CreateAsync(ahead, StoreRecords.Queued(), worker: "ahead");

        (await ahead.ClaimAsync(new ClaimRequest(Worker("ahead-2"), 10), Ct)).ShouldBeEmpty("a host ahead never takes a live lease");
        Clock.Advance(LeaseLength - TimeSpan.FromSeconds(1));
        (await ahead.ClaimAsync(new ClaimRequest(Worker("ahead-2"), 10), Ct)).ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromSeconds(2));

        (await behind.ClaimAsync(new ClaimRequest(Worker("behind-2"), 10), Ct)).Select(c => c.Job.Id).ShouldBe([fromBehind.Id, fromAhead.Id], ignoreOrder: true,
            "a host behind takes a lapsed lease as soon as it lapsed");
    }

    [Fact]
    public async Task UpdateAsync_HolderClockBehind_RefusedOnceTheLeaseLapsedOnTheStoresClock()
    {
        IJobStore behind = Behind();
        (JobRecord job, JobLease lease) = await CreateAsync(behind, StoreRecords.Queued(), worker: "behind");
        lease.ExpiresAt.ShouldBe(Clock.GetUtcNow() - Skew + LeaseLength, "the lease's expiry is handed back in the holder's own clock");
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));

        var ex = await Should.ThrowAsync<JobLeaseLostException>(() => behind.UpdateAsync(job.MoveTo(JobState.Uploading, Clock.GetUtcNow()), lease, null, Ct));
        ex.Message.ShouldContain("expired");
    }

    [Fact]
    public async Task ClaimWithinLimitsAsync_HostClocksSkewed45Seconds_PerMinuteLimitHolds()
    {
        IJobStore ahead = Ahead(), behind = Behind();
        var limits = new SubmitLimits(StoreRecords.Queued().Provider, MaxInFlight: 100, PerMinute: 2);
        for (int i = 0; i < 2; i++)
        {
            await CreateAsync(behind, StoreRecords.Queued(), worker: "behind", lease: TimeSpan.FromHours(1));
            ClaimedJob admitted = (await behind.ClaimWithinLimitsAsync(new ClaimRequest(new LeaseTerms("behind", TimeSpan.FromHours(1)), 1), limits, Ct)).ShouldHaveSingleItem();
            await behind.UpdateAsync(admitted.Job.MoveTo(JobState.Submitting, Clock.GetUtcNow()), admitted.Lease, null, Ct);
        }

        Clock.Advance(TimeSpan.FromSeconds(20));
        await CreateAsync(ahead, StoreRecords.Queued(), worker: "ahead", lease: TimeSpan.FromHours(1));

        (await ahead.ClaimWithinLimitsAsync(new ClaimRequest(new LeaseTerms("ahead", TimeSpan.FromHours(1)), 1), limits, Ct)).ShouldBeEmpty("two went 20 s ago on the store's clock");
        Clock.Advance(TimeSpan.FromSeconds(43));
        (await ahead.ClaimWithinLimitsAsync(new ClaimRequest(new LeaseTerms("ahead", TimeSpan.FromHours(1)), 1), limits, Ct)).ShouldHaveSingleItem("the minute has passed");
    }

    [Fact]
    public async Task GetWriteAheadAsync_WrittenByAHostBehindReadByOneAhead_OnTheStoresClockAndKeptWhileSubmitting()
    {
        IJobStore behind = Behind(), ahead = Ahead();
        (JobRecord job, JobLease lease) = await CreateAsync(behind, StoreRecords.Queued(), worker: "behind", lease: TimeSpan.FromHours(3));
        WriteAheadTime? before = await ahead.GetWriteAheadAsync(job.Id, Ct);
        DateTimeOffset written = Clock.GetUtcNow();
        await behind.UpdateAsync(job.MoveTo(JobState.Submitting, Clock.GetUtcNow() - Skew), lease, null, Ct);
        Clock.Advance(TimeSpan.FromHours(2));
        (JobRecord other, JobLease otherLease) = await CreateAsync(behind, StoreRecords.Queued(), worker: "behind-2");
        await behind.UpdateAsync(other.MoveTo(JobState.Submitting, Clock.GetUtcNow() - Skew), otherLease, null, Ct); // prunes the minute's old rows

        WriteAheadTime seen = (await ahead.GetWriteAheadAsync(job.Id, Ct)).ShouldNotBeNull("a job still submitting keeps its write-ahead's time");

        before.ShouldBeNull("no write-ahead yet");
        seen.At.ShouldBe(written, "the store's time of the write, not the writer's");
        seen.Now.ShouldBe(Clock.GetUtcNow(), "the store's time now, not the reader's");
        seen.Elapsed.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task ClaimDeliveriesAsync_HostClocksSkewed45Seconds_LiveClaimNeverShared()
    {
        IJobStore behind = Behind(), ahead = Ahead();
        await Webhooks(behind).SetEndpointAsync("alice", "http://127.0.0.1:9/owner", "whsec_a", Ct);
        await CreateAsync(behind, StoreRecords.Queued());

        (await Webhooks(behind).ClaimDeliveriesAsync(Worker("d-behind"), 10, Ct)).ShouldHaveSingleItem();

        (await Webhooks(ahead).ClaimDeliveriesAsync(Worker("d-ahead"), 10, Ct)).ShouldBeEmpty("the claim is live on the store's clock");
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));
        (await Webhooks(ahead).ClaimDeliveriesAsync(Worker("d-ahead"), 10, Ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task CreateAsync_HostClockAheadPastMidnight_CountsTodaysSpendAgainstTheDailyCap()
    {
        Clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(20)); // 23:59:40 on the store's clock
        await CreateAsync(Behind(), StoreRecords.Queued(hold: 4m, at: Clock.GetUtcNow()), StoreRecords.Caps(daily: 5m, at: Clock.GetUtcNow() - Skew));
        IJobStore ahead = Ahead();

        await Should.ThrowAsync<BudgetExceededException>(() => ahead.CreateAsync(StoreRecords.Queued(hold: 2m, at: Clock.GetUtcNow() + Skew), Worker("ahead"),
            StoreRecords.Caps(daily: 5m, at: Clock.GetUtcNow() + Skew), Ct));
    }
}

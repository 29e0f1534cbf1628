using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// Fair to every owner: claims take turns across owners, so one owner's backlog never delays another owner's first
/// job beyond the first claim; an owner's queue and spend are bounded by limits of their own.
/// </summary>
public abstract partial class JobStoreConformance
{
    /// <summary>How many jobs the flooding owner has waiting (more where creating them is cheap).</summary>
    protected virtual int Backlog => 300;

    [Fact]
    public async Task ClaimAsync_OneOwnersBacklog_EveryOtherOwnersFirstJobInTheFirstClaim()
    {
        IJobStore store = NewStore();
        for (int i = 0; i < Backlog; i++)
        {
            await CreateAsync(store, StoreRecords.Queued(owner: "alice", at: StoreRecords.Now.AddMilliseconds(i)), worker: "dead");
        }

        (JobRecord bob, _) = await CreateAsync(store, StoreRecords.Queued(owner: "bob", at: StoreRecords.Now.AddSeconds(10)), worker: "dead");
        (JobRecord carol, _) = await CreateAsync(store, StoreRecords.Queued(owner: "carol", at: StoreRecords.Now.AddSeconds(11)), worker: "dead");
        Clock.Advance(LeaseLength);

        IReadOnlyList<ClaimedJob> first = await NewStore().ClaimAsync(new ClaimRequest(Worker("w2"), 3), Ct);

        first.Select(c => c.Job.Owner).ShouldBe(["alice", "bob", "carol"], ignoreOrder: true, $"one turn each, whatever alice's {Backlog} waiting");
        first.Select(c => c.Job.Id).ShouldContain(bob.Id);
        first.Select(c => c.Job.Id).ShouldContain(carol.Id);
        first.Single(c => c.Job.Owner == "alice").Job.CreatedAt.ShouldBe(StoreRecords.Now, "each owner's own jobs stay first in, first out");
    }

    [Fact]
    public async Task CreateAsync_OwnerAtTheQueuedLimit_RefusedUntilOneStartsAndOthersUnaffected()
    {
        IJobStore store = NewStore();
        BudgetCaps caps = StoreRecords.Caps() with { MaxQueuedJobs = 2 };
        (JobRecord first, JobLease lease) = await CreateAsync(store, StoreRecords.Queued(), caps);
        await CreateAsync(store, StoreRecords.Queued(), caps);

        var ex = await Should.ThrowAsync<TooManyQueuedJobsException>(() => NewStore().CreateAsync(StoreRecords.Queued(hold: 1m), Worker("w2"), caps, Ct));
        await CreateAsync(store, StoreRecords.Queued(owner: "bob"), caps);
        await store.UpdateAsync(first.MoveTo(JobState.Submitting, StoreRecords.Now), lease, null, Ct);

        ex.Message.ShouldContain("'alice' already has 2 jobs waiting");
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).Jobs.ShouldBe(2, "a refused job reserves nothing");
        (await store.CreateAsync(StoreRecords.Queued(), Worker("w1"), caps, Ct)).Created.ShouldBeTrue("a job that started frees its place");
    }

    [Fact]
    public async Task ClaimWithinLimitsAsync_HostsRacing_ClaimSubmittedJobsFreelyAndWaitingOnesOnlyWithinTheAccountsRoom()
    {
        IJobStore store = NewStore();
        (JobRecord running, JobLease runningLease) = await CreateAsync(store, StoreRecords.Queued(owner: "carol", at: StoreRecords.Now.AddSeconds(-1)), worker: "dead");
        await store.UpdateAsync(running.MoveTo(JobState.Processing, StoreRecords.Now) with { PredictionId = "pred-running" }, runningLease, null, Ct);
        for (int i = 0; i < 3; i++)
        {
            await CreateAsync(store, StoreRecords.Queued(owner: "alice", at: StoreRecords.Now.AddMilliseconds(i)), worker: "dead");
        }

        (JobRecord bob, _) = await CreateAsync(store, StoreRecords.Queued(owner: "bob", at: StoreRecords.Now.AddSeconds(5)), worker: "dead");
        Clock.Advance(LeaseLength);
        var limits = new SubmitLimits(running.Provider, MaxInFlight: 3, PerMinute: 10);

        IJobStore[] hosts = [NewStore(), NewStore()];
        IReadOnlyList<ClaimedJob>[] claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => hosts[i % 2].ClaimWithinLimitsAsync(new ClaimRequest(Worker($"w{i}"), 10), limits, Ct), Ct)));

        ClaimedJob[] all = [.. claims.SelectMany(c => c)];
        all.Count(c => c.Job.State == JobState.Processing).ShouldBe(1, "a submitted job needs no slot");
        all.Where(c => c.Job.State == JobState.Queued).Select(c => c.Job.Owner).ShouldBe(["alice", "bob"], ignoreOrder: true,
            "three in flight at most, one already is: two waiting jobs, one per owner in turn");
        (await NewStore().ClaimWithinLimitsAsync(new ClaimRequest(Worker("late"), 10), limits, Ct)).ShouldBeEmpty("the claimed waiting jobs hold the account's room");
        all.Select(c => c.Job.Id).ShouldContain(bob.Id);
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs;

/// <summary>
/// Every guarantee an <see cref="IJobStore"/> makes, held against each implementation on a real database: records
/// survive whole, writes are compare-and-set on version and fencing token, a lapsed or taken lease can write
/// nothing (and settle no money), claims never share a job, budgets and account limits hold with writers racing
/// from two store instances (as two processes or hosts would), owners are apart. Times are a fake clock.
/// </summary>
public abstract partial class JobStoreConformance
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(30);

    /// <summary>The clock every store of the test reads.</summary>
    protected FakeTimeProvider Clock { get; } = new(StoreRecords.Now);

    /// <summary>The cancellation token of the test.</summary>
    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    /// <summary>A new store instance over the test's one database (a second process, or host, on the same data).</summary>
    private protected IJobStore NewStore() => NewStore(Clock);

    /// <summary>A new store instance whose host reads <paramref name="hostClock"/>; the store's own clock stays <see cref="Clock"/>.</summary>
    private protected abstract IJobStore NewStore(TimeProvider hostClock);

    private static LeaseTerms Worker(string name) => new(name, LeaseLength);

    private async Task<(JobRecord Job, JobLease Lease)> CreateAsync(IJobStore store, JobRecord job, BudgetCaps? caps = null, string worker = "w1", TimeSpan? lease = null)
    {
        JobCreation created = await store.CreateAsync(job, new LeaseTerms(worker, lease ?? LeaseLength), caps ?? StoreRecords.Caps(), Ct);
        created.Created.ShouldBeTrue();
        return (created.Job, created.Lease!);
    }

    [Fact]
    public async Task UpdateAsync_EveryField_RoundTripsThroughAnotherStoreInstance()
    {
        IJobStore writer = NewStore();
        (JobRecord created, JobLease lease) = await CreateAsync(writer, StoreRecords.Queued(idempotencyKey: "k-1"));
        DateTimeOffset later = StoreRecords.Now.AddMinutes(3).AddTicks(1234567);
        JobRecord full = created.MoveTo(JobState.Completed, later) with
        {
            ProviderInput = new JsonObject { ["prompt"] = "a boat", ["duration"] = 6, ["image"] = "http://127.0.0.1:9/x.png" },
            InputFingerprint = new string('f', 64),
            MediaSeconds = new Dictionary<string, double> { ["video"] = 5.25, ["audio"] = 12.5 },
            PredictionId = "pred-123",
            SubmitAttempts = 1,
            Outputs = [new JobOutput("http://127.0.0.1:9/out.mp4", "/data/out.mp4", 56050, new string('a', 64)), new JobOutput("http://127.0.0.1:9/b.wav", null, null, null)],
            Error = new JobError("provider_1403", "moderation"),
            FinalCostUsd = 0.1234m,
            CostSource = "estimated",
            OutputPath = "/home/u/video.mp4",
            Deadline = later.AddHours(1),
            EstimateSource = "pricing-rule",
            Parents = [new JobLink("video", "job_parent")],
            Charge = new JobCharge { EstimatedUsd = 1m, EstimateSource = "pricing-rule", ChargedUsd = 0.1234m, ChargeSource = "provider-billing", Status = JobChargeStatus.Known, Attempts = 2, CheckedAt = later },
        };
        JobRecord stored = await writer.UpdateAsync(full, lease, 0.1234m, Ct);

        JobRecord read = (await NewStore().GetAsync(created.Id, "alice", Ct))!;

        read.Input.ToJsonString().ShouldBe(full.Input.ToJsonString());
        read.ProviderInput!.ToJsonString().ShouldBe(full.ProviderInput.ToJsonString());
        read.MediaSeconds.ShouldBe(full.MediaSeconds, ignoreOrder: true);
        read.Transitions.ShouldBe(full.Transitions);
        read.Outputs.ShouldBe(full.Outputs);
        read.Parents.ShouldBe(full.Parents);
        (read with { Input = full.Input, ProviderInput = full.ProviderInput, MediaSeconds = full.MediaSeconds, Transitions = full.Transitions, Outputs = full.Outputs, Parents = full.Parents })
            .ShouldBe(full with { Version = 2 });
        stored.Version.ShouldBe(2);
        (await NewStore().FindByPredictionAsync("pred-123", Ct))!.Id.ShouldBe(full.Id);
        (await NewStore().GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).SettledUsd.ShouldBe(0.1234m);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsJobConcurrencyException()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        await store.UpdateAsync(job.MoveTo(JobState.Uploading, StoreRecords.Now), lease, null, Ct);

        var ex = await Should.ThrowAsync<JobConcurrencyException>(() => store.UpdateAsync(job.MoveTo(JobState.Submitting, StoreRecords.Now), lease, null, Ct));

        ex.Message.ShouldContain(job.Id);
        (await store.GetAsync(job.Id, job.Owner, Ct))!.State.ShouldBe(JobState.Uploading);
    }

    [Fact]
    public async Task UpdateAsync_LeaseLapsedAndTakenOver_OldHolderWritesAndSettlesNothing()
    {
        IJobStore hostA = NewStore(), hostB = NewStore();
        (JobRecord job, JobLease leaseA) = await CreateAsync(hostA, StoreRecords.Queued(hold: 2m));

        (await hostB.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldBeEmpty("a live lease is never taken");
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));
        ClaimedJob taken = (await hostB.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single();

        taken.Lease.Token.ShouldBeGreaterThan(leaseA.Token);
        var ex = await Should.ThrowAsync<JobLeaseLostException>(() => hostA.UpdateAsync(job.MoveTo(JobState.Failed, Clock.GetUtcNow()), leaseA, 0m, Ct));
        ex.Message.ShouldContain("w2");
        await Should.ThrowAsync<JobLeaseLostException>(() => hostA.UpdateAsync(job.MoveTo(JobState.Submitting, Clock.GetUtcNow()), leaseA, null, Ct), "the write-ahead is fenced too");
        (await hostB.FindAsync(job.Id, Ct))!.State.ShouldBe(JobState.Queued);
        (await hostB.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).ReservedUsd.ShouldBe(2m, "a lost lease settles no money");
        (await hostB.UpdateAsync(taken.Job.MoveTo(JobState.Uploading, Clock.GetUtcNow()), taken.Lease, null, Ct)).State.ShouldBe(JobState.Uploading);
    }

    [Fact]
    public async Task UpdateAsync_LeaseLapsedNotTakenOver_StillRefused()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        Clock.Advance(LeaseLength);

        var ex = await Should.ThrowAsync<JobLeaseLostException>(() => store.UpdateAsync(job.MoveTo(JobState.Uploading, Clock.GetUtcNow()), lease, null, Ct));
        ex.Message.ShouldContain("expired");
    }

    [Fact]
    public async Task RenewAsync_BeforeExpiry_KeepsTheLeaseAndTheJobUnclaimable()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        await CreateAsync(store, StoreRecords.Queued(), worker: "other");
        Clock.Advance(TimeSpan.FromSeconds(20));

        IReadOnlyList<JobLease> renewed = await store.RenewAsync(Worker("w1"), Ct);
        Clock.Advance(TimeSpan.FromSeconds(20));

        renewed.Single().JobId.ShouldBe(job.Id);
        renewed[0].Token.ShouldBe(lease.Token);
        (await NewStore().ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single().Job.Id.ShouldNotBe(job.Id, "only the lease that was not renewed lapsed");
        (await store.UpdateAsync(job.MoveTo(JobState.Uploading, Clock.GetUtcNow()), renewed[0], null, Ct)).Version.ShouldBe(2);
    }

    [Fact]
    public async Task RenewAsync_AfterTakeover_ReturnsNothingForTheOldHolder()
    {
        IJobStore store = NewStore();
        await CreateAsync(store, StoreRecords.Queued());
        Clock.Advance(LeaseLength);
        await NewStore().ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct);

        (await store.RenewAsync(Worker("w1"), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReleaseAsync_HeldLease_ClaimableAtOnceWithAHigherToken()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());

        await store.ReleaseAsync(lease, Ct);
        await store.ReleaseAsync(lease, Ct); // idempotent
        ClaimedJob claimed = (await NewStore().ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single();

        claimed.Job.Id.ShouldBe(job.Id);
        claimed.Lease.Token.ShouldBe(lease.Token + 1);
        (await store.GetLeaseAsync(job.Id, Ct))!.Worker.ShouldBe("w2");
        await store.ReleaseAsync(lease, Ct); // a stale release changes nothing
        (await store.GetLeaseAsync(job.Id, Ct))!.Worker.ShouldBe("w2");
    }

    [Fact]
    public async Task ClaimAsync_ManyWorkersOnTwoStoresAtOnce_EveryJobClaimedExactlyOnce()
    {
        IJobStore[] stores = [NewStore(), NewStore()];
        var ids = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            (JobRecord job, JobLease lease) = await CreateAsync(stores[0], StoreRecords.Queued(at: StoreRecords.Now.AddMilliseconds(i)), worker: "dead");
            ids.Add(job.Id);
        }

        Clock.Advance(LeaseLength);
        IReadOnlyList<ClaimedJob>[] claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(() => stores[w % 2].ClaimAsync(new ClaimRequest(Worker($"w{w}"), 7), Ct), Ct)));

        string[] claimed = [.. claims.SelectMany(c => c).Select(c => c.Job.Id)];
        claimed.Length.ShouldBe(30);
        claimed.ShouldBe(ids, ignoreOrder: true);
        claims.ShouldAllBe(c => c.Count <= 7);
    }

    [Fact]
    public async Task ClaimAsync_SettledAndNeedsDecisionJobs_OnlyNeedsDecisionAndOnlyById()
    {
        IJobStore store = NewStore();
        (JobRecord done, JobLease l1) = await CreateAsync(store, StoreRecords.Queued());
        (JobRecord decide, JobLease l2) = await CreateAsync(store, StoreRecords.Queued());
        await store.UpdateAsync(done.MoveTo(JobState.Completed, StoreRecords.Now), l1, 1m, Ct);
        await store.UpdateAsync(decide.MoveTo(JobState.NeedsDecision, StoreRecords.Now), l2, null, Ct);
        await store.ReleaseAsync(l1, Ct);
        await store.ReleaseAsync(l2, Ct);

        (await store.ClaimAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldBeEmpty();
        (await store.ClaimAsync(new ClaimRequest(Worker("w2"), 10, done.Id), Ct)).ShouldBeEmpty();
        (await store.ClaimAsync(new ClaimRequest(Worker("w2"), 10, decide.Id), Ct)).Single().Job.State.ShouldBe(JobState.NeedsDecision);
    }

    [Fact]
    public async Task ClaimAsync_ProviderFilter_ClaimsOnlyThatProvidersJobs()
    {
        IJobStore store = NewStore();
        (JobRecord mine, JobLease a) = await CreateAsync(store, StoreRecords.Queued());
        (JobRecord other, JobLease b) = await CreateAsync(store, StoreRecords.Queued() with { Provider = "http://127.0.0.1:6000" });
        await store.ReleaseAsync(a, Ct);
        await store.ReleaseAsync(b, Ct);

        (await store.ClaimAsync(new ClaimRequest(Worker("w2"), 10, Provider: mine.Provider), Ct)).Single().Job.Id.ShouldBe(mine.Id);
        (await store.ClaimAsync(new ClaimRequest(Worker("w3"), 10), Ct)).Single().Job.Id.ShouldBe(other.Id);
    }

    [Fact]
    public async Task ClaimWithinLimitsAsync_HostsRacingOverTheirReservedJobs_NeverExceedInFlightOrPerMinuteLimits()
    {
        IJobStore[] hosts = [NewStore(), NewStore(), NewStore()];
        var jobs = new List<JobRecord>();
        for (int i = 0; i < 12; i++)
        {
            jobs.Add((await CreateAsync(hosts[i % 3], StoreRecords.Queued(owner: $"owner{i}"), worker: $"w{i % 3}", lease: TimeSpan.FromHours(1))).Job);
        }

        var limits = new SubmitLimits(jobs[0].Provider, MaxInFlight: 2, PerMinute: 3);
        ClaimedJob[] first = [.. (await Task.WhenAll(Enumerable.Range(0, 3).Select(h => Task.Run(() => hosts[h].ClaimWithinLimitsAsync(Request(h), limits, Ct), Ct)))).SelectMany(c => c)];
        first.Length.ShouldBe(2, "two in flight at most, across all hosts");
        foreach (ClaimedJob claimed in first)
        {
            claimed.Lease.Worker.ShouldBe($"w{jobs.IndexOf(jobs.Single(j => j.Id == claimed.Job.Id)) % 3}", "each job is admitted to the host that created it");
        }

        (await ClaimAllAsync()).ShouldBeEmpty("the admitted jobs hold the account's room until they are past their submission");

        // Both are written ahead and one finishes: a third may go (3 per minute), then the minute is spent though a place is free.
        JobRecord[] submitted = await Task.WhenAll(first.Select(c => WriteAheadAsync(c)));
        await HostOf(first[0]).UpdateAsync(submitted[0].MoveTo(JobState.Completed, Clock.GetUtcNow()), first[0].Lease, 1m, Ct);
        ClaimedJob third = (await ClaimAllAsync()).ShouldHaveSingleItem();
        JobRecord thirdSubmitted = await WriteAheadAsync(third);
        await HostOf(third).UpdateAsync(thirdSubmitted.MoveTo(JobState.Failed, Clock.GetUtcNow()), third.Lease, 0m, Ct);
        (await ClaimAllAsync()).ShouldBeEmpty("3 submissions in the last minute");

        // A minute later the window has slid: one task is still in flight, so exactly one more may go.
        Clock.Advance(TimeSpan.FromSeconds(63));
        (await ClaimAllAsync()).ShouldHaveSingleItem();
        (await ClaimAllAsync()).ShouldBeEmpty("two in flight again");

        ClaimRequest Request(int host) => new(new LeaseTerms($"w{host}", TimeSpan.FromHours(1)), 10);
        async Task<ClaimedJob[]> ClaimAllAsync() => [.. (await Task.WhenAll(Enumerable.Range(0, 3).Select(h => hosts[h].ClaimWithinLimitsAsync(Request(h), limits, Ct)))).SelectMany(c => c)];
        IJobStore HostOf(ClaimedJob claimed) => hosts[int.Parse(claimed.Lease.Worker[1..], System.Globalization.CultureInfo.InvariantCulture)];
        Task<JobRecord> WriteAheadAsync(ClaimedJob claimed) => HostOf(claimed).UpdateAsync(claimed.Job.MoveTo(JobState.Submitting, Clock.GetUtcNow()), claimed.Lease, null, Ct);
    }

    [Fact]
    public async Task ClaimWithinLimitsAsync_JobsReservedForTheirCreator_AdmittedOnlyToItAndOnlyWithinTheRoom()
    {
        IJobStore creator = NewStore(), other = NewStore();
        (JobRecord first, JobLease reservation) = await CreateAsync(creator, StoreRecords.Queued(owner: "alice"), worker: "creator", lease: TimeSpan.FromHours(1));
        (JobRecord second, _) = await CreateAsync(creator, StoreRecords.Queued(owner: "bob", at: StoreRecords.Now.AddSeconds(1)), worker: "creator", lease: TimeSpan.FromHours(1));
        var limits = new SubmitLimits(first.Provider, MaxInFlight: 1, PerMinute: 10);

        (await other.ClaimWithinLimitsAsync(new ClaimRequest(Worker("other"), 10), limits, Ct)).ShouldBeEmpty("a reserved job is its creator's (it holds the caller's input)");
        ClaimedJob admitted = (await creator.ClaimWithinLimitsAsync(new ClaimRequest(Worker("creator"), 10), limits, Ct)).ShouldHaveSingleItem("reserved jobs take no room until admitted; one fits");

        admitted.Job.Id.ShouldBe(first.Id, "first in, first out");
        admitted.Lease.Token.ShouldBeGreaterThan(reservation.Token);
        (await creator.ClaimWithinLimitsAsync(new ClaimRequest(Worker("creator"), 10), limits, Ct)).ShouldBeEmpty("the admitted job holds the one place");
        (await creator.GetLeaseAsync(second.Id, Ct))!.Token.ShouldBe(1, "still reserved, not admitted");
    }

    [Fact]
    public async Task SignalAsync_JobHeldByAnotherWorker_TakenOnceByItsHolderOnly()
    {
        IJobStore store = NewStore();
        (JobRecord job, _) = await CreateAsync(store, StoreRecords.Queued(), worker: "holder");

        await NewStore().SignalAsync(job.Id, JobSignal.Cancel, Ct);
        await NewStore().SignalAsync(job.Id, JobSignal.Cancel, Ct);

        (await store.TakeSignalsAsync("someone-else", Ct)).ShouldBeEmpty();
        (await store.TakeSignalsAsync("holder", Ct)).ShouldBe([new JobSignalNotice(job.Id, JobSignal.Cancel)]);
        (await store.TakeSignalsAsync("holder", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TryRecordWebhookAsync_SameIdFromManyHostsAtOnce_RecordedExactlyOnce()
    {
        DateTimeOffset forget = Clock.GetUtcNow() - TimeSpan.FromMinutes(10);
        bool[] firsts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NewStore().TryRecordWebhookAsync("msg_1", forget, Ct))));

        firsts.Count(f => f).ShouldBe(1);
        (await NewStore().TryRecordWebhookAsync("msg_1", forget, Ct)).ShouldBeFalse();
        (await NewStore().TryRecordWebhookAsync("msg_2", forget, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryRecordWebhookAsync_IdOlderThanTheWindow_ForgottenSoTheRecordStaysSmall()
    {
        IJobStore store = NewStore();
        (await store.TryRecordWebhookAsync("msg_old", Clock.GetUtcNow() - TimeSpan.FromMinutes(10), Ct)).ShouldBeTrue();

        Clock.Advance(TimeSpan.FromMinutes(11));

        (await store.TryRecordWebhookAsync("msg_old", Clock.GetUtcNow() - TimeSpan.FromMinutes(10), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateAsync_SameIdempotencyKeySameOwner_ReturnsTheFirstJobAndReservesOnce()
    {
        IJobStore store = NewStore();
        (JobRecord first, _) = await CreateAsync(store, StoreRecords.Queued(idempotencyKey: "same"));

        JobCreation second = await store.CreateAsync(StoreRecords.Queued(idempotencyKey: "same"), Worker("w2"), StoreRecords.Caps(), Ct);
        JobCreation other = await store.CreateAsync(StoreRecords.Queued(owner: "bob", idempotencyKey: "same"), Worker("w2"), StoreRecords.Caps(), Ct);

        second.Created.ShouldBeFalse();
        second.Lease.ShouldBeNull("an existing job is not leased to whoever asked again");
        second.Job.Id.ShouldBe(first.Id);
        other.Created.ShouldBeTrue("the key is unique per owner, not globally");
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).Jobs.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_SameIdempotencyKeyDifferentRequest_RefusedNamingTheKeyAndNothingStored()
    {
        IJobStore store = NewStore();
        (JobRecord first, _) = await CreateAsync(store, StoreRecords.Queued(idempotencyKey: "order-7"));
        JobRecord reordered = StoreRecords.Queued(idempotencyKey: "order-7") with { Input = new JsonObject { ["duration"] = 6, ["prompt"] = "a boat" } };

        var ex = await Should.ThrowAsync<IdempotencyKeyReusedException>(() => NewStore().CreateAsync(
            StoreRecords.Queued(idempotencyKey: "order-7") with { Input = new JsonObject { ["prompt"] = "a car", ["duration"] = 6 } }, Worker("w2"), StoreRecords.Caps(), Ct));
        await Should.ThrowAsync<IdempotencyKeyReusedException>(() => store.CreateAsync(
            StoreRecords.Queued(idempotencyKey: "order-7") with { ModelId = "lightricks/ltx-2-fast/image-to-video" }, Worker("w2"), StoreRecords.Caps(), Ct));
        JobCreation same = await NewStore().CreateAsync(reordered, Worker("w2"), StoreRecords.Caps(), Ct);

        ex.Key.ShouldBe("order-7");
        ex.Message.ShouldContain("'order-7'");
        ex.Message.ShouldContain(first.Id);
        same.Created.ShouldBeFalse("the same request, whatever its key order, answers the first job");
        same.Job.Id.ShouldBe(first.Id);
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).Jobs.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_SameIdempotencyKeyFromTwoStoresAtOnce_CreatesOneJob()
    {
        IJobStore[] stores = [NewStore(), NewStore()];

        JobCreation[] results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => stores[i % 2].CreateAsync(StoreRecords.Queued(idempotencyKey: "race"), Worker($"w{i}"), StoreRecords.Caps(), Ct), Ct)));

        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Job.Id).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_ManyConcurrentCallsOnTwoStores_NeverExceedTheCap()
    {
        IJobStore[] stores = [NewStore(), NewStore()];
        BudgetCaps caps = StoreRecords.Caps(daily: 12m, monthly: 10m);

        // 120 attempts of $0.25 against a $10 cap: exactly 40 fit.
        bool[] results = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            try
            {
                await stores[i % 2].CreateAsync(StoreRecords.Queued(hold: 0.25m), Worker("w"), caps, Ct);
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }, Ct)));

        results.Count(r => r).ShouldBe(40);
        (await stores[0].GetSpendAsync("alice", StoreRecords.Now.AddDays(-30), Ct)).TotalUsd.ShouldBe(10m);
    }

    [Fact]
    public async Task CreateAsync_OverTheDailyCap_RefusedWithTheAmounts()
    {
        IJobStore store = NewStore();
        await CreateAsync(store, StoreRecords.Queued(hold: 4m), StoreRecords.Caps(daily: 5m));

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 2m), Worker("w1"), StoreRecords.Caps(daily: 5m), Ct));

        ex.Message.ShouldContain("daily cap");
        ex.Message.ShouldContain("$1.00 left");
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).Jobs.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_YesterdaysSpend_CountsForTheMonthButNotTheDay()
    {
        IJobStore store = NewStore();
        DateTimeOffset yesterday = StoreRecords.Now.AddDays(-1);
        await CreateAsync(store, StoreRecords.Queued(hold: 4m, at: yesterday), StoreRecords.Caps(at: yesterday));

        await CreateAsync(store, StoreRecords.Queued(hold: 4m), StoreRecords.Caps(daily: 5m));
        await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 4m), Worker("w1"), StoreRecords.Caps(monthly: 10m), Ct));
    }

    [Fact]
    public async Task UpdateAsync_SettledBelowTheHold_FreesBudgetForTheNextJob()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued(hold: 5m), StoreRecords.Caps(daily: 5m));
        await Should.ThrowAsync<BudgetExceededException>(() => store.CreateAsync(StoreRecords.Queued(hold: 1m), Worker("w1"), StoreRecords.Caps(daily: 5m), Ct));

        await store.UpdateAsync(job.MoveTo(JobState.Completed, StoreRecords.Now), lease, 3m, Ct);

        (await store.CreateAsync(StoreRecords.Queued(hold: 2m), Worker("w1"), StoreRecords.Caps(daily: 5m), Ct)).Created.ShouldBeTrue();
    }

    [Fact]
    public async Task UpdateAsync_NegativeSettlement_RefusedAndNothingWritten()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued(hold: 1m));

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.UpdateAsync(job.MoveTo(JobState.Completed, StoreRecords.Now), lease, -5m, Ct));

        (await store.FindAsync(job.Id, Ct))!.State.ShouldBe(JobState.Queued);
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).TotalUsd.ShouldBe(1m);
    }

    [Fact]
    public async Task GetAsync_AnotherOwnersJob_ReturnsNullAndListsNothing()
    {
        IJobStore store = NewStore();
        (JobRecord job, _) = await CreateAsync(store, StoreRecords.Queued(owner: "alice"));

        (await store.GetAsync(job.Id, "mallory", Ct)).ShouldBeNull();
        (await store.ListAsync("mallory", null, 100, Ct)).ShouldBeEmpty();
        (await store.ListAsync("mallory", JobState.Queued, 100, Ct)).ShouldBeEmpty();
        (await store.GetSpendAsync("mallory", StoreRecords.Now.AddDays(-1), Ct)).Jobs.ShouldBe(0);
        (await store.ListAsync("alice", JobState.Queued, 100, Ct)).Single().Id.ShouldBe(job.Id);
    }

    [Fact]
    public async Task GetSpendAsync_SettledAndReservedJobs_ReportedSeparately()
    {
        IJobStore store = NewStore();
        (JobRecord one, JobLease l1) = await CreateAsync(store, StoreRecords.Queued(hold: 1m));
        (JobRecord two, JobLease l2) = await CreateAsync(store, StoreRecords.Queued(hold: 2m));
        await CreateAsync(store, StoreRecords.Queued(hold: 3m));
        await store.UpdateAsync(one.MoveTo(JobState.Completed, StoreRecords.Now), l1, 0.5m, Ct);
        await store.UpdateAsync(two.MoveTo(JobState.Failed, StoreRecords.Now), l2, 0m, Ct);

        SpendSummary spend = await store.GetSpendAsync("alice", StoreRecords.Now.AddHours(-1), Ct);

        spend.SettledUsd.ShouldBe(0.5m);
        spend.ReservedUsd.ShouldBe(3m);
        spend.Jobs.ShouldBe(3);
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddHours(1), Ct)).Jobs.ShouldBe(0);
    }

    private static readonly IReadOnlyList<TimeSpan> LookupDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    // A job that ended after acceptance, settled to its estimate, its first charge lookup due 5 s from now; its finisher's lease released.
    private async Task<JobRecord> FinishedAsync(IJobStore store, decimal estimate = 2m, string owner = "alice", string provider = "http://127.0.0.1:5080")
    {
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued(owner: owner, hold: estimate) with { Provider = provider });
        JobRecord ended = ChargeLookup.ScheduleFirst(job.MoveTo(JobState.Completed, Clock.GetUtcNow()) with { PredictionId = "pred-" + job.Id, FinalCostUsd = estimate, CostSource = "estimated" },
            Clock.GetUtcNow(), LookupDelays);
        JobRecord stored = await store.UpdateAsync(ended, lease, estimate, Ct);
        await store.ReleaseAsync(lease, Ct);
        return stored;
    }

    [Fact]
    public async Task ClaimChargeLookupsAsync_NotYetDue_ClaimsNothingUntilTheDueTime()
    {
        IJobStore store = NewStore();
        JobRecord job = await FinishedAsync(store);

        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldBeEmpty("the first lookup is due 5 s after the end");
        Clock.Advance(TimeSpan.FromSeconds(5));

        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single().Job.Id.ShouldBe(job.Id);
    }

    [Fact]
    public async Task ClaimChargeLookupsAsync_ManyWorkersOnTwoStoresAtOnce_EachDueJobClaimedExactlyOnce()
    {
        IJobStore a = NewStore(), b = NewStore();
        var ids = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            ids.Add((await FinishedAsync(i % 2 == 0 ? a : b)).Id);
        }

        Clock.Advance(TimeSpan.FromSeconds(6));
        IReadOnlyList<ClaimedJob>[] claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).ClaimChargeLookupsAsync(new ClaimRequest(Worker($"w{i}"), 2), Ct)));

        claims.SelectMany(c => c).Select(c => c.Job.Id).ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public async Task ClaimChargeLookupsAsync_FinisherStillHoldsTheLease_NotClaimedUntilReleased()
    {
        IJobStore store = NewStore();
        (JobRecord job, JobLease lease) = await CreateAsync(store, StoreRecords.Queued());
        JobRecord ended = ChargeLookup.ScheduleFirst(job.MoveTo(JobState.Failed, Clock.GetUtcNow()) with { PredictionId = "pred-held" }, Clock.GetUtcNow(), LookupDelays);
        await store.UpdateAsync(ended, lease, 1m, Ct);
        Clock.Advance(TimeSpan.FromSeconds(6));

        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).ShouldBeEmpty("a live lease is never taken");
        await store.ReleaseAsync(lease, Ct);

        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single().Lease.Token.ShouldBeGreaterThan(lease.Token);
    }

    [Fact]
    public async Task UpdateAsync_ChargeBelowTheEstimate_SettledAmountAdjustedDownAndNoLongerDue()
    {
        IJobStore store = NewStore();
        await FinishedAsync(store, estimate: 2m);
        Clock.Advance(TimeSpan.FromSeconds(5));
        ClaimedJob claimed = (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single();

        await store.UpdateAsync(ChargeLookup.Known(claimed.Job, 1.5m, Clock.GetUtcNow()), claimed.Lease, 1.5m, Ct);
        await store.ReleaseAsync(claimed.Lease, Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));

        SpendSummary spend = await NewStore().GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct);
        spend.SettledUsd.ShouldBe(1.5m, "settled to the charge: the $0.50 difference is an adjustment, not a negative charge");
        spend.Jobs.ShouldBe(1);
        JobRecord read = (await NewStore().FindAsync(claimed.Job.Id, Ct))!;
        read.Charge!.Status.ShouldBe(JobChargeStatus.Known);
        read.Charge.ChargedUsd.ShouldBe(1.5m);
        read.Charge.EstimatedUsd.ShouldBe(2m);
        read.Charge.ChargeSource.ShouldBe("provider-billing");
        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w3"), 10), Ct)).ShouldBeEmpty("a known charge is never looked up again");
    }

    [Fact]
    public async Task UpdateAsync_ChargeLookupClaimTakenOver_OldClaimantWritesAndSettlesNothing()
    {
        IJobStore hostA = NewStore(), hostB = NewStore();
        await FinishedAsync(hostA, estimate: 2m);
        Clock.Advance(TimeSpan.FromSeconds(5));
        ClaimedJob first = (await hostA.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10), Ct)).Single();
        Clock.Advance(LeaseLength + TimeSpan.FromSeconds(1));
        ClaimedJob second = (await hostB.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w2"), 10), Ct)).Single();

        await Should.ThrowAsync<JobLeaseLostException>(() => hostA.UpdateAsync(ChargeLookup.Known(first.Job, 9m, Clock.GetUtcNow()), first.Lease, 9m, Ct));

        (await hostB.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).SettledUsd.ShouldBe(2m);
        await hostB.UpdateAsync(ChargeLookup.Known(second.Job, 2.5m, Clock.GetUtcNow()), second.Lease, 2.5m, Ct);
        (await hostA.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).SettledUsd.ShouldBe(2.5m);
    }

    [Fact]
    public async Task UpdateAsync_NoRecordYet_NextLookupScheduledThenUnavailableAfterTheLast()
    {
        IJobStore store = NewStore();
        await FinishedAsync(store);
        Clock.Advance(TimeSpan.FromSeconds(5));
        ClaimedJob claimed = (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10), Ct)).Single();
        JobRecord again = await store.UpdateAsync(ChargeLookup.NotYet(claimed.Job, Clock.GetUtcNow(), LookupDelays, "no record yet"), claimed.Lease, null, Ct);
        await store.ReleaseAsync(claimed.Lease, Ct);

        Clock.Advance(TimeSpan.FromSeconds(29));
        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10), Ct)).ShouldBeEmpty("the second lookup is due 30 s after the first");
        Clock.Advance(TimeSpan.FromSeconds(1));
        ClaimedJob last = (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10), Ct)).Single();
        last.Job.Version.ShouldBe(again.Version);
        JobRecord gaveUp = await store.UpdateAsync(ChargeLookup.NotYet(last.Job, Clock.GetUtcNow(), LookupDelays, "no record yet"), last.Lease, null, Ct);
        await store.ReleaseAsync(last.Lease, Ct);
        Clock.Advance(TimeSpan.FromDays(1));

        gaveUp.Charge!.Status.ShouldBe(JobChargeStatus.Unavailable);
        gaveUp.Charge.ChargedUsd.ShouldBeNull("an absent record is never $0");
        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10), Ct)).ShouldBeEmpty();
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).SettledUsd.ShouldBe(2m, "the estimate stands");
    }

    [Fact]
    public async Task ClaimChargeLookupsAsync_ProviderFilter_ClaimsOnlyThatProvidersJobs()
    {
        IJobStore store = NewStore();
        JobRecord mine = await FinishedAsync(store, provider: "http://127.0.0.1:5080");
        await FinishedAsync(store, provider: "http://127.0.0.1:5081");
        Clock.Advance(TimeSpan.FromSeconds(5));

        (await store.ClaimChargeLookupsAsync(new ClaimRequest(Worker("w1"), 10, Provider: "http://127.0.0.1:5080"), Ct)).Single().Job.Id.ShouldBe(mine.Id);
    }

    [Fact]
    public async Task ListChargedAsync_OwnersJobsWithACharge_OnlyThoseSinceTheDate()
    {
        IJobStore store = NewStore();
        JobRecord charged = await FinishedAsync(store, owner: "alice");
        await FinishedAsync(store, owner: "bob");
        await CreateAsync(store, StoreRecords.Queued(owner: "alice"));

        (await store.ListChargedAsync("alice", StoreRecords.Now.AddDays(-1), Ct)).Single().Id.ShouldBe(charged.Id);
        (await store.ListChargedAsync("alice", StoreRecords.Now.AddMinutes(1), Ct)).ShouldBeEmpty();
    }
}

using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Sqlite;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>The SQLite job store against real files: every field survives, writes are optimistic, owners are apart.</summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private string Db => dir.File("videostudio.db");

    [Fact]
    public async Task UpdateAsync_EveryField_RoundTripsThroughAFreshStoreOnTheSameFile()
    {
        var writer = new SqliteJobStore(Db);
        (JobRecord created, bool isNew) = await writer.CreateAsync(StoreRecords.Queued(idempotencyKey: "k-1"), StoreRecords.Caps(), ct);
        isNew.ShouldBeTrue();
        DateTimeOffset later = StoreRecords.Now.AddMinutes(3).AddTicks(1234567);
        JobRecord full = created.MoveTo(JobState.Completed, later) with
        {
            ProviderInput = new JsonObject { ["prompt"] = "a boat", ["duration"] = 6, ["image"] = "https://cdn.example/x.png" },
            InputFingerprint = new string('f', 64),
            MediaSeconds = new Dictionary<string, double> { ["video"] = 5.25, ["audio"] = 12.5 },
            PredictionId = "pred-123",
            SubmitAttempts = 1,
            Outputs = [new JobOutput("https://cdn.example/out.mp4", "/data/out.mp4", 56050, new string('a', 64)), new JobOutput("https://cdn.example/b.wav", null, null, null)],
            Error = new JobError("provider_1403", "moderation"),
            FinalCostUsd = 0.1234m,
            CostSource = "estimated",
            OutputPath = "/home/u/video.mp4",
            Deadline = later.AddHours(1),
        };
        JobRecord stored = await writer.UpdateAsync(full, ct);

        JobRecord read = (await new SqliteJobStore(Db).GetAsync(created.Id, "alice", ct))!;

        read.Id.ShouldBe(full.Id);
        read.Owner.ShouldBe("alice");
        read.ModelId.ShouldBe(full.ModelId);
        read.PluginVersion.ShouldBe("1.0.0");
        read.Input.ToJsonString().ShouldBe(full.Input.ToJsonString());
        read.ProviderInput!.ToJsonString().ShouldBe(full.ProviderInput.ToJsonString());
        read.InputFingerprint.ShouldBe(full.InputFingerprint);
        read.MediaSeconds.ShouldBe(full.MediaSeconds, ignoreOrder: true);
        read.IdempotencyKey.ShouldBe("k-1");
        read.EstimateUsd.ShouldBe(1m);
        read.HoldUsd.ShouldBe(1m);
        read.State.ShouldBe(JobState.Completed);
        read.PredictionId.ShouldBe("pred-123");
        read.Provider.ShouldBe(full.Provider);
        read.SubmitAttempts.ShouldBe(1);
        read.Transitions.ShouldBe(full.Transitions);
        read.Outputs.ShouldBe(full.Outputs);
        read.Error.ShouldBe(full.Error);
        read.FinalCostUsd.ShouldBe(0.1234m);
        read.CostSource.ShouldBe("estimated");
        read.OutputPath.ShouldBe(full.OutputPath);
        read.Deadline.ShouldBe(full.Deadline);
        read.CreatedAt.ShouldBe(full.CreatedAt);
        read.UpdatedAt.ShouldBe(later);
        read.Version.ShouldBe(2);
        stored.Version.ShouldBe(2);
        (await new SqliteJobStore(Db).FindByPredictionAsync("pred-123", ct))!.Id.ShouldBe(full.Id);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsJobConcurrencyException()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord job, _) = await store.CreateAsync(StoreRecords.Queued(), StoreRecords.Caps(), ct);
        await store.UpdateAsync(job.MoveTo(JobState.Uploading, StoreRecords.Now), ct);

        var ex = await Should.ThrowAsync<JobConcurrencyException>(() => store.UpdateAsync(job.MoveTo(JobState.Submitting, StoreRecords.Now), ct));

        ex.Message.ShouldContain(job.Id);
        (await store.GetAsync(job.Id, job.Owner, ct))!.State.ShouldBe(JobState.Uploading);
    }

    [Fact]
    public async Task CreateAsync_SameIdempotencyKeySameOwner_ReturnsTheFirstJobAndReservesOnce()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord first, bool firstNew) = await store.CreateAsync(StoreRecords.Queued(idempotencyKey: "same"), StoreRecords.Caps(), ct);

        (JobRecord second, bool secondNew) = await store.CreateAsync(StoreRecords.Queued(idempotencyKey: "same"), StoreRecords.Caps(), ct);
        (JobRecord other, bool otherNew) = await store.CreateAsync(StoreRecords.Queued(owner: "bob", idempotencyKey: "same"), StoreRecords.Caps(), ct);

        firstNew.ShouldBeTrue();
        secondNew.ShouldBeFalse();
        second.Id.ShouldBe(first.Id);
        otherNew.ShouldBeTrue("the key is unique per owner, not globally");
        other.Id.ShouldNotBe(first.Id);
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddDays(-1), ct)).Jobs.ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_SameIdempotencyKeyFromManyThreads_CreatesOneJob()
    {
        var a = new SqliteJobStore(Db);
        var b = new SqliteJobStore(Db);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).CreateAsync(StoreRecords.Queued(idempotencyKey: "race"), StoreRecords.Caps(), ct), ct)));

        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Job.Id).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AnotherOwnersJob_ReturnsNullAndListsNothing()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord job, _) = await store.CreateAsync(StoreRecords.Queued(owner: "alice"), StoreRecords.Caps(), ct);

        (await store.GetAsync(job.Id, "mallory", ct)).ShouldBeNull();
        (await store.ListAsync("mallory", null, 100, ct)).ShouldBeEmpty();
        (await store.ListAsync("mallory", JobState.Queued, 100, ct)).ShouldBeEmpty();
        (await store.GetSpendAsync("mallory", StoreRecords.Now.AddDays(-1), ct)).Jobs.ShouldBe(0);
        (await store.ListAsync("alice", JobState.Queued, 100, ct)).Single().Id.ShouldBe(job.Id);
    }

    [Fact]
    public async Task ListUnfinishedAsync_MixedStates_ReturnsOnlyNonTerminalJobsOfEveryOwner()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord running, _) = await store.CreateAsync(StoreRecords.Queued(owner: "alice"), StoreRecords.Caps(), ct);
        (JobRecord done, _) = await store.CreateAsync(StoreRecords.Queued(owner: "bob"), StoreRecords.Caps(), ct);
        (JobRecord other, _) = await store.CreateAsync(StoreRecords.Queued(owner: "bob"), StoreRecords.Caps(), ct);
        await store.UpdateAsync(done.MoveTo(JobState.Completed, StoreRecords.Now), ct);
        await store.UpdateAsync(other.MoveTo(JobState.Submitting, StoreRecords.Now), ct);

        IReadOnlyList<JobRecord> unfinished = await store.ListUnfinishedAsync(ct);

        unfinished.Select(j => j.Id).ShouldBe([running.Id, other.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task GetSpendAsync_SettledAndReservedJobs_ReportedSeparately()
    {
        var store = new SqliteJobStore(Db);
        (JobRecord one, _) = await store.CreateAsync(StoreRecords.Queued(hold: 1m), StoreRecords.Caps(), ct);
        (JobRecord two, _) = await store.CreateAsync(StoreRecords.Queued(hold: 2m), StoreRecords.Caps(), ct);
        await store.CreateAsync(StoreRecords.Queued(hold: 3m), StoreRecords.Caps(), ct);
        await store.SettleAsync(one.Id, 0.5m, ct);
        await store.SettleAsync(two.Id, 0m, ct);

        SpendSummary spend = await store.GetSpendAsync("alice", StoreRecords.Now.AddHours(-1), ct);

        spend.SettledUsd.ShouldBe(0.5m);
        spend.ReservedUsd.ShouldBe(3m);
        spend.TotalUsd.ShouldBe(3.5m);
        spend.Jobs.ShouldBe(3);
        (await store.GetSpendAsync("alice", StoreRecords.Now.AddHours(1), ct)).Jobs.ShouldBe(0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}

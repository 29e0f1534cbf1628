using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Engine.Telemetry;
using VideoStudio.Tests.Providers.WaveSpeed;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs;

/// <summary>The one place job states are written: a writer that lost a race learns what won and changes nothing.</summary>
public sealed class JobContextTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider clock = new(StoreRecords.Now);
    private readonly WaveSpeedTestClient provider = WaveSpeedTestClient.Create(new Uri("http://127.0.0.1:9/"));

    [Fact]
    public async Task FailAsync_JobCancelledSinceItWasRead_ThrowsSupersededAndKeepsTheCancelsCost()
    {
        var store = SqlJobStore.Sqlite(dir.File("videostudio.db"), clock);
        JobContext context = Context(store, out JobLeases leases);
        JobCreation created = await store.CreateAsync(StoreRecords.Queued(hold: 2m), leases.Terms, StoreRecords.Caps(), ct);
        leases.Add(created.Lease!);
        JobRecord read = created.Job;
        await context.TransitionAsync(read, JobState.Cancelled, null, JobEventKind.Cancelled, "cancelled", ct, settleUsd: 0m);

        var ex = await Should.ThrowAsync<JobSupersededException>(() => context.FailAsync(read, "download_failed", "lost", chargedUsd: 2m, ct));

        ex.Current.State.ShouldBe(JobState.Cancelled);
        ex.Message.ShouldContain("already Cancelled");
        (await store.GetAsync(read.Id, read.Owner, ct))!.State.ShouldBe(JobState.Cancelled);
        SpendSummary spend = await store.GetSpendAsync(read.Owner, StoreRecords.Now.AddDays(-1), ct);
        spend.TotalUsd.ShouldBe(0m);
    }

    private JobContext Context(SqlJobStore store, out JobLeases leases)
    {
        IOptions<JobOptions> options = Options.Create(new JobOptions { DataDirectory = dir.Path });
        leases = new JobLeases(store, new JobWorker(), options, NullLogger<JobLeases>.Instance);
        return new(store, leases, provider.Client, clock, new JobEventHub(), options, new VideoStudioMetrics(Meters), NullLogger<JobContext>.Instance);
    }

    private readonly ServiceProvider metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => metricsServices.GetRequiredService<IMeterFactory>();

    public void Dispose()
    {
        metricsServices.Dispose();
        provider.Dispose();
        dir.Dispose();
    }
}

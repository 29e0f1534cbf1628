using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Steps;

/// <summary>
/// The job core as AddVideoStudio wires it, over a callback provider (<see cref="TestVideoProvider"/>), a fake clock
/// (time moves only when a test moves it) and a real SQLite file: steps and the executor run in this process, in
/// milliseconds, with no server, child process or browser.
/// </summary>
internal sealed class JobCore : IAsyncDisposable
{
    public const string Model = "lightricks/ltx-2-fast/text-to-video";

    private readonly TempDirectory dir = new();
    private readonly ServiceProvider services;

    public JobCore(Action<JobOptions>? configure = null)
    {
        Store = SqlJobStore.Sqlite(dir.File("videostudio.db"), Clock);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = TestPaths.Plugins;
            o.ProbeRemoteMedia = false;
        });
        collection.Configure<JobOptions>(o =>
        {
            o.DataDirectory = dir.Path;
            o.ChargeLookupInterval = null;
            o.MaxConcurrentJobs = 8;
            o.SubmitsPerMinute = 100;
            o.ReconcileWindow = TimeSpan.FromMinutes(2);
            configure?.Invoke(o);
        });
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<IVideoProvider>(Provider);
        collection.AddSingleton<IJobStore>(Store);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(StoreRecords.Now);

    public TestVideoProvider Provider { get; } = new();

    public SqlJobStore Store { get; }

    public string Outputs => Path.Combine(dir.Path, "outputs");

    public CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    /// <summary>The wired services (for building a step with a clock of a test's own).</summary>
    public IServiceProvider Services => services;

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>A job stored and leased to this process's worker, with its plan.</summary>
    public async Task<Held> CreateAsync(JsonObject? input = null, string? worker = null, TimeSpan? lease = null)
    {
        JobRecord record = StoreRecords.Queued(hold: 0.24m, at: Clock.GetUtcNow()) with
        {
            Provider = Provider.Metadata.Account,
            Input = input ?? new JsonObject { ["prompt"] = "a paper boat", ["duration"] = 6 },
        };
        JobCreation created = await Store.CreateAsync(record, new LeaseTerms(worker ?? Get<JobExecutor>().Terms.Worker, lease ?? TimeSpan.FromSeconds(30)), StoreRecords.Caps(at: Clock.GetUtcNow()), Ct);
        JobPlan plan = (await Get<JobModels>().PlanAsync(created.Job, Ct))!;
        return new Held(created.Job, created.Lease!, plan);
    }

    /// <summary>One run of a step for <paramref name="job"/>.</summary>
    public StepContext Step(Held job, int attempt = 0, ProviderTask? answer = null) =>
        new(job.Job, job.Plan, new InputHolder(job.Job.Input), new LeaseFence(Store, job.Lease, TimeSpan.FromSeconds(30)), attempt, Ct, answer);

    /// <summary>The job as stored.</summary>
    public async Task<JobRecord> StoredAsync(string jobId) => (await Store.FindAsync(jobId, Ct))!;

    /// <summary>Stores <paramref name="job"/> moved to <paramref name="state"/> with <paramref name="change"/> (as an earlier step would have).</summary>
    public async Task<Held> MoveAsync(Held job, JobState state, Func<JobRecord, JobRecord>? change = null)
    {
        JobRecord next = job.Job.MoveTo(state, Clock.GetUtcNow());
        return job with { Job = await Store.UpdateAsync(change?.Invoke(next) ?? next, job.Lease, null, Ct) };
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        dir.Dispose();
    }

    /// <summary>A held job: its record, lease and plan.</summary>
    public sealed record Held(JobRecord Job, JobLease Lease, JobPlan Plan);
}

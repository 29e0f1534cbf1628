using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>
/// The whole engine (AddVideoStudio, exactly as a host, its job worker running as a host runs it) against a simulator
/// on 127.0.0.1, with a fresh data directory. Every run is bounded by a deadline token.
/// </summary>
internal sealed class JobHarness : IAsyncDisposable
{
    public const string ApiKey = "jobs-test-key";
    public const string Owner = "tester";

    private readonly CancellationTokenSource deadline;
    private ServiceProvider engine;
    private CancellationTokenSource? stopWorker;
    private readonly Lock workerGate = new();
    private Task? worker;

    private JobHarness(SimulatorServer server, string dataDirectory, CancellationTokenSource deadline, Action<JobOptions>? configure, Func<IJobStore, IJobStore>? wrapStore)
    {
        WrapStore = wrapStore;
        Server = server;
        DataDirectory = dataDirectory;
        this.deadline = deadline;
        Configure = configure;
        engine = BuildEngine();
    }

    public SimulatorServer Server { get; }

    public string DataDirectory { get; }

    public CancellationToken Token => deadline.Token;

    // The worker starts on first use, as a host starts it: the options (and the test's configure callback) are read then.
    public IVideoJobs Jobs
    {
        get
        {
            IVideoJobs jobs = engine.GetRequiredService<IVideoJobs>();
            // Tests reach Jobs from parallel requests: exactly one of them starts the worker.
            lock (workerGate)
            {
                if (worker is null)
                {
                    stopWorker = new CancellationTokenSource();
                    worker = jobs.RunAsync(cancellationToken: stopWorker.Token);
                }
            }

            return jobs;
        }
    }

    private Action<JobOptions>? Configure { get; }

    private Func<IJobStore, IJobStore>? WrapStore { get; }

    // wrapStore wraps the real job store (a fault-injecting decorator); null for the store as it is.
    public static async Task<JobHarness> StartAsync(TimeSpan? latency = null, Action<JobOptions>? configure = null, TimeSpan? timeout = null, Func<IJobStore, IJobStore>? wrapStore = null)
    {
        var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(40));
        SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = ApiKey,
            PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"),
            FixedLatency = latency ?? TimeSpan.FromMilliseconds(300),
            ConfigureLogging = l => l.SetMinimumLevel(LogLevel.Warning),
        }, deadline.Token);
        string data = Path.Combine(Path.GetTempPath(), "videostudio-jobs-" + Guid.NewGuid().ToString("N"));
        return new JobHarness(server, data, deadline, configure, wrapStore);
    }

    /// <summary>Throws the engine away and builds a new one on the same data directory: a process restart.</summary>
    public async Task RestartEngineAsync()
    {
        await StopWorkerAsync();
        await engine.DisposeAsync();
        engine = BuildEngine();
        _ = Jobs; // a restarted process runs its worker at once: it resumes the unfinished jobs
    }

    private async Task StopWorkerAsync()
    {
        if (worker is not null)
        {
            await stopWorker!.CancelAsync();
            await worker;
            stopWorker.Dispose();
            worker = null;
        }
    }

    public Task<JobView> SubmitAsync(string model, JsonObject input, decimal? maxCost = null, string? idempotencyKey = null) =>
        Jobs.SubmitAsync(new VideoRequest(model, input) { Owner = Owner, MaxCostUsd = maxCost, IdempotencyKey = idempotencyKey }, cancellationToken: Token);

    public Task<JobView> WaitAsync(JobView job) => Jobs.WaitAsync(job.Id, job.Owner, Token);

    /// <summary>The job as the store keeps it (submit attempts, the provider input), which no answer shows.</summary>
    public async Task<JobRecord> StoredAsync(JobView job) =>
        await engine.GetRequiredService<IJobStore>().FindAsync(job.Id, Token) ?? throw new InvalidOperationException($"No stored job {job.Id}.");

    public static JsonObject T2V() => new() { ["prompt"] = "a paper boat drifting down a gutter stream", ["duration"] = 6 };

    private ServiceProvider BuildEngine()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));

        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins");
            o.ProbeRemoteMedia = false;
        });
        services.Configure<JobOptions>(o =>
        {
            o.DataDirectory = DataDirectory;
            o.ProcessingTimeScale = 0.005;
            o.MaxConcurrentJobs = 32;
            o.SubmitsPerMinute = 10_000;
            o.ReconcileWindow = TimeSpan.FromSeconds(3);
            o.SubmitRetryDelay = TimeSpan.FromMilliseconds(100);
            Configure?.Invoke(o);
        });
        services.UseSimulator(Server);
        if (WrapStore is { } wrap)
        {
            // Scrutor: the real store, inside the test's decorator; the webhook outbox stays the real store's.
            IJobStore? real = null;
            services.Decorate<IJobStore>(inner => wrap(real = inner));
            services.AddSingleton<IWebhookStore>(sp =>
            {
                sp.GetRequiredService<IJobStore>();
                return ((SqlJobStore)real!).Webhooks;
            });
        }
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.PollRetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.MaxRetryAfter = TimeSpan.FromSeconds(2);
            o.DownloadRetryDelay = TimeSpan.FromMilliseconds(50);
            o.UploadRetryDelay = TimeSpan.FromMilliseconds(50);
            o.SubmitConnectRetryDelay = TimeSpan.FromMilliseconds(50);
        });
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await engine.DisposeAsync();
        await Server.DisposeAsync();
        deadline.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

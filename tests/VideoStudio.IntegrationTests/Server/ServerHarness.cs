using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Server;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// The real server (VideoStudioServer.BuildAsync, Kestrel on 127.0.0.1 port 0) over the whole engine, pointed at a
/// simulator on loopback, with a fresh data directory. Every call is bounded by the harness deadline.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string SimulatorKey = "server-test-key";
    public const string AliceKey = "key-alice";
    public const string BobKey = "key-bob";
    public const string Model = "lightricks/ltx-2-fast/text-to-video";

    private readonly CancellationTokenSource deadline;

    private ServerHarness(SimulatorServer simulator, WebApplication app, string dataDirectory, CancellationTokenSource deadline)
    {
        Simulator = simulator;
        App = app;
        DataDirectory = dataDirectory;
        this.deadline = deadline;
        BaseAddress = new Uri(app.Urls.First());
    }

    public SimulatorServer Simulator { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public CancellationToken Token => deadline.Token;

    /// <summary>
    /// Starts the simulator and the server; <paramref name="withKeys"/> configures two owners (alice, bob);
    /// <paramref name="probeRemoteMedia"/> lets it fetch media URLs (under the server's egress policy).
    /// </summary>
    /// <paramref name="chargeFactors"/> makes the simulator charge those models more or less than their rule;
    /// <paramref name="jobs"/> changes job settings last (e.g. a fast charge lookup schedule);
    /// <paramref name="simulatorPluginsDirectory"/> gives the simulator models of the test's own (the built-in ones otherwise);
    /// <paramref name="simulatorKey"/> is the provider API key the simulator expects and the server sends (<see cref="SimulatorKey"/> otherwise).
    public static async Task<ServerHarness> StartAsync(bool withKeys = false, TimeSpan? latency = null, TimeSpan? timeout = null, bool probeRemoteMedia = false, string? pluginsDirectory = null,
        IReadOnlyDictionary<string, decimal>? chargeFactors = null, Action<JobOptions>? jobs = null, Action<IServiceCollection>? configure = null, string[]? settings = null,
        string? simulatorPluginsDirectory = null, string? simulatorKey = null)
    {
        var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(45));
        string plugins = Path.Combine(AppContext.BaseDirectory, "plugins");
        SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = simulatorKey ?? SimulatorKey,
            PluginsDirectory = simulatorPluginsDirectory ?? plugins,
            FixedLatency = latency ?? TimeSpan.FromMilliseconds(300),
            ConfigureLogging = l => l.SetMinimumLevel(LogLevel.Warning),
            ChargeFactors = chargeFactors ?? new Dictionary<string, decimal>(),
            BillingDelay = TimeSpan.FromMilliseconds(300),
        }, deadline.Token);
        string data = Path.Combine(Path.GetTempPath(), "videostudio-server-" + Guid.NewGuid().ToString("N"));
        WebApplication app = await VideoStudioServer.BuildAsync(["--urls=http://127.0.0.1:0", .. settings ?? []], services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddVideoStudio(configure: o =>
            {
                o.PluginsDirectory = pluginsDirectory ?? plugins;
                o.PluginReloadDebounce = TimeSpan.FromMilliseconds(300);
                o.ProbeRemoteMedia = probeRemoteMedia;
            });
            services.Configure<JobOptions>(o =>
            {
                o.DataDirectory = data;
                o.ProcessingTimeScale = 0.005;
                o.MaxConcurrentJobs = 32;
                o.SubmitsPerMinute = 10_000;
                o.ReconcileWindow = TimeSpan.FromSeconds(3);
                jobs?.Invoke(o);
            });
            services.UseSimulator(simulator);
            services.Configure<WaveSpeedOptions>(o =>
            {
                o.PollRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.DownloadRetryDelay = TimeSpan.FromMilliseconds(50);
            });
            services.Configure<ServerOptions>(o =>
            {
                if (withKeys)
                {
                    o.ApiKeys[AliceKey] = "alice";
                    o.ApiKeys[BobKey] = "bob";
                }
            });
            configure?.Invoke(services);
        });
        await app.StartAsync(deadline.Token);
        return new ServerHarness(simulator, app, data, deadline);
    }

    /// <summary>A client from the server's IHttpClientFactory, optionally sending a Bearer key.</summary>
    public HttpClient Client(string? key = null)
    {
        HttpClient client = App.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = BaseAddress;
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static JsonObject T2V() => new() { ["prompt"] = "a paper boat drifting down a gutter stream", ["duration"] = 6 };

    public static JsonContent Body(object value) => JsonContent.Create(value, options: Json.Options);

    public async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Token)) ?? throw new JsonException("empty body");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
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

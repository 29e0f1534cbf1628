using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Server;
using VideoStudio.Simulator;

namespace VideoStudio.BrowserTests;

/// <summary>
/// One server (with the console) on 127.0.0.1:0 over an in-process WaveSpeed simulator, and one headless
/// Chromium, shared by the whole suite. Pages are per test.
/// </summary>
public class ConsoleServerFixture : IAsyncLifetime
{
    private const string SimulatorKey = "browser-test-key";
    private SimulatorServer? simulator;
    private WebApplication? app;
    private BrowserSession? browser;
    private readonly string data = Path.Combine(Path.GetTempPath(), "videostudio-console-" + Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = "";

    /// <summary>A loopback port nothing listens on, allow-listed for webhooks: deliveries to it fail, then die quickly.</summary>
    public int DeadReceiverPort { get; } = ClosedPort();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async ValueTask InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = SimulatorKey,
            PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"),
            FixedLatency = TimeSpan.FromMilliseconds(300),
            ConfigureLogging = l => l.SetMinimumLevel(LogLevel.Warning),
        }, startup.Token);
        app = await VideoStudioServer.BuildAsync(["--urls=http://127.0.0.1:0"], ConfigureEngine);
        await app.StartAsync(startup.Token);
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http.BaseAddress = new Uri(BaseUrl);
        browser = await BrowserSession.StartAsync(BaseUrl);
    }

    // The engine exactly as a host registers it, pointed at the simulator (as the integration tests' JobHarness does),
    // with simulated processing time scaled down so a job takes about a second.
    private void ConfigureEngine(IServiceCollection services)
    {
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins");
            o.ProbeRemoteMedia = false;
        });
        services.Configure<JobOptions>(o =>
        {
            o.DataDirectory = data;
            o.ProcessingTimeScale = 0.005;
            o.MaxConcurrentJobs = 8;
            o.SubmitsPerMinute = 10_000;
        });
        services.UseSimulator(simulator!);
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.PollRetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.MaxRetryAfter = TimeSpan.FromSeconds(2);
            o.DownloadRetryDelay = TimeSpan.FromMilliseconds(50);
        });
        services.Configure<EgressOptions>(o => o.AllowedHosts.Add($"127.0.0.1:{DeadReceiverPort}"));
        services.Configure<WebhookOptions>(o =>
        {
            o.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
            o.MaxDelay = TimeSpan.FromMilliseconds(400);
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.RetryFor = TimeSpan.FromSeconds(2);
        });
        ConfigureServer(services);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    /// <summary>Server settings a derived fixture adds (e.g. API keys).</summary>
    protected virtual void ConfigureServer(IServiceCollection services)
    {
    }

    /// <summary>A fresh tab on the console, with console errors collected for the failure message.</summary>
    public async Task<IPage> OpenConsoleAsync(string? task = null) => await OpenConsoleAsync(task, waitUntilReady: true);

    /// <summary>A fresh tab; <paramref name="waitUntilReady"/> false for a console that cannot load yet (no key).</summary>
    public async Task<IPage> OpenConsoleAsync(string? task, bool waitUntilReady)
    {
        IPage page = await NewPageAsync();
        await page.GotoAsync(task is null ? "/" : "/#task=" + task);
        if (waitUntilReady)
        {
            await page.WaitForSelectorAsync("body[data-ready=true]");
        }

        return page;
    }

    /// <summary>The developer settings page (API key, webhook endpoint, deliveries), with an optional <c>#job=&lt;id&gt;</c>.</summary>
    public async Task<IPage> OpenDeveloperPageAsync(string hash = "")
    {
        IPage page = await NewPageAsync();
        await page.GotoAsync("/developer.html" + hash);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    /// <summary>Console errors and failed requests (status 400 and above) a page has seen so far.</summary>
    public static IReadOnlyList<string> ProblemsOf(IPage page) => Problems.TryGetValue(page, out List<string>? seen) ? [.. seen] : [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Problems = new();

    private async Task<IPage> NewPageAsync()
    {
        IPage page = await browser!.Context.NewPageAsync();
        List<string> seen = Problems.GetOrCreateValue(page);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (seen)
                {
                    seen.Add("console: " + m.Text);
                }

                TestContext.Current.SendDiagnosticMessage("browser: " + m.Text);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                lock (seen)
                {
                    seen.Add($"{r.Status} {r.Request.Method} {r.Url}");
                }
            }
        };
        return page;
    }

    public async Task<JsonArray> ModelsAsync(string? task = null) =>
        (await Http.GetFromJsonAsync<JsonArray>(task is null ? "/v1/models" : "/v1/models?task=" + task))!;

    public async Task<JsonObject> SchemaAsync(string id) => (await Http.GetFromJsonAsync<JsonObject>("/v1/schema/" + id))!;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServerFixture>
{
    public const string Name = "console";
}

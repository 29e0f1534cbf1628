using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Simulator.Catalogue;
using VideoStudio.Simulator.Endpoints;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Rendering;
using VideoStudio.Simulator.Tasks;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator;

/// <summary>
/// A WaveSpeed-compatible REST server (Kestrel, in-process) serving every model the plugins define. Start one per
/// test on port 0, or run it standalone (<c>videostudio simulator</c>) with <see cref="WaitForShutdownAsync"/>.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorServer(WebApplication app, SimulatorOptions options, string baseUrl)
    {
        this.app = app;
        Options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens, without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The options it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>What it has seen.</summary>
    public SimulatorStats Stats => app.Services.GetRequiredService<SimulatorStats>();

    /// <summary>The fault rules in force; change them at any time.</summary>
    public SimulatorFaults Faults => Options.Faults;

    /// <summary>The webhook signing secret (<c>whsec_…</c>), as <c>GET /api/v3/webhook/secret</c> returns it.</summary>
    public string WebhookSecret => app.Services.GetRequiredService<WebhookSecret>().Value;

    /// <summary>Whether outputs are rendered to each request's shape (ffmpeg found); false: every output is the bundled sample.</summary>
    public bool ShapedOutputs => app.Services.GetRequiredService<OutputRenderer>().Shaped;

    /// <summary>One line saying which outputs this simulator serves (ffmpeg renders, or the sample and why), for start-up banners.</summary>
    public string OutputDescription => app.Services.GetRequiredService<OutputRenderer>().Description;

    /// <summary>The current balance in USD.</summary>
    public decimal BalanceUsd => app.Services.GetRequiredService<AccountLedger>().Balance;

    /// <summary>Discovers the plugins, starts Kestrel and returns once it accepts connections.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        if (options.ChargeFactors.FirstOrDefault(f => f.Value < 0) is { Key: not null } negative)
        {
            throw new ArgumentException($"ChargeFactors['{negative.Key}'] is {negative.Value}: a charge factor is never negative (1 charges exactly the rule's price).", nameof(options));
        }

        if (options.OutputBytes is <= 0)
        {
            throw new ArgumentException($"OutputBytes is {options.OutputBytes}: a generated output has at least one byte (null serves rendered or sample outputs).", nameof(options));
        }

        if (options.BillingDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"BillingDelay is {options.BillingDelay}: zero or more.", nameof(options));
        }

        WebApplication app = Build(options);
        PluginCatalog catalog = await app.Services.GetRequiredService<SimulatorModels>().LoadAsync(cancellationToken).ConfigureAwait(false);
        OutputRenderer renderer = app.Services.GetRequiredService<OutputRenderer>();
        await renderer.InitializeAsync().ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string baseUrl = app.Urls.First().TrimEnd('/');
        app.Logger.LogInformation("WaveSpeed simulator listening on {BaseUrl} with {Count} models; {Outputs}", baseUrl, catalog.Registry.Models.Count, renderer.Description);
        return new SimulatorServer(app, options, baseUrl);
    }

    /// <summary>Completes when the host shuts down (Ctrl+C / SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Reads the plugins directory again if a manifest there changed (the simulator also does this by itself when asked
    /// for a model it does not have, or for its model list); returns how many models it now runs.
    /// </summary>
    public async Task<int> ReloadPluginsAsync(CancellationToken cancellationToken) =>
        (await app.Services.GetRequiredService<SimulatorModels>().CurrentAsync(cancellationToken).ConfigureAwait(false)).Registry.Models.Count;

    /// <summary>Stops Kestrel, waits for webhook deliveries, deletes uploads.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.Services.GetRequiredService<WebhookSender>().StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(SimulatorOptions options)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        IServiceCollection services = builder.Services;
        services.AddSingleton(options.TimeProvider);
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = options.PluginsDirectory;
            o.UserPluginsDirectory = options.UserPluginsDirectory;
            o.ProbeRemoteMedia = false; // the simulator checks media itself, loopback only
        });
        // Its engine serves the catalog, validation and prices only: no provider of its own (and never another
        // simulator), and its plugins are loaded and reported by SimulatorModels.
        services.Configure<VideoStudioHostingOptions>(o =>
        {
            o.Provider = ProviderChoice.None;
            o.CheckAtStart = false;
        });
        services.AddSingleton(options);
        services.AddSingleton(options.Faults);
        services.AddSingleton<SimulatorStats>();
        services.AddSingleton<SimulatorModels>();
        services.AddSingleton(ProviderCatalogue.Load());
        services.AddSingleton<WebhookSecret>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<AccountLedger>();
        services.AddSingleton<SubmitRateWindow>();
        services.AddSingleton<QuoteService>();
        services.AddSingleton<LatencyModel>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<MediaResolver>();
        services.AddSingleton<OutputRenderer>();
        services.AddSingleton<SubmitEndpoint>();
        services.AddSingleton<PredictionEndpoints>();
        services.AddSingleton<OutputEndpoints>();
        services.AddSingleton<UploadEndpoints>();
        services.AddSingleton<AccountEndpoints>();
        services.AddSingleton<BillingEndpoints>();
        services.AddSingleton<ControlEndpoints>();
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // No redirects: a loopback URL must not lead the simulator off the machine.
        services.AddHttpClient(MediaResolver.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        WebApplication app = builder.Build();
        app.UseMiddleware<BearerAuthMiddleware>();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/api/v3/balance", (AccountEndpoints e) => e.Balance());
        app.MapGet("/api/v3/webhook/secret", (AccountEndpoints e) => e.Secret());
        app.MapGet("/api/v3/models", (AccountEndpoints e, HttpContext c) => e.ModelsAsync(c));
        app.MapPost("/api/v3/model/pricing", (AccountEndpoints e, HttpContext c) => e.QuoteAsync(c));
        app.MapPost("/api/v3/model/price", (AccountEndpoints e, HttpContext c) => e.QuoteAsync(c));
        app.MapPost("/api/v3/media/upload/binary", (UploadEndpoints e, HttpContext c) => e.BinaryAsync(c)).DisableAntiforgery();
        app.MapPost("/api/v3/media/uploads", (UploadEndpoints e, HttpContext c) => e.TicketAsync(c));
        app.MapPut("/upload/{id}", (UploadEndpoints e, HttpContext c, string id) => e.PutAsync(c, id));
        app.MapGet("/media/{id}/{**name}", (OutputEndpoints e, HttpContext c, string id) => e.GetUploadAsync(c, id));
        app.MapGet("/outputs/{file}", (OutputEndpoints e, HttpContext c, string file) => e.GetOutputAsync(c, file));
        app.MapPost("/api/v3/billings/search", (BillingEndpoints e, HttpContext c) => e.SearchAsync(c));
        app.MapPost("/api/v3/predictions", (PredictionEndpoints e, HttpContext c) => e.ListAsync(c));
        app.MapGet("/api/v3/predictions/{id}/result", (PredictionEndpoints e, HttpContext c, string id) => e.GetResultAsync(c, id));
        app.MapGet("/api/v3/predictions/{id}", (PredictionEndpoints e, HttpContext c, string id) => e.GetResultAsync(c, id));
        app.MapPost("/api/v3/{**modelId}", (SubmitEndpoint e, HttpContext c, string modelId) => e.HandleAsync(c, modelId));
        app.MapFallback((HttpContext c) => Envelope.Error(StatusCodes.Status404NotFound, $"No endpoint {c.Request.Method} {c.Request.Path}."));

        RouteGroupBuilder control = app.MapGroup("/_simulator").AddEndpointFilter<LoopbackOnlyFilter>();
        control.MapGet("/stats", (ControlEndpoints e) => e.Stats());
        control.MapGet("/faults", (ControlEndpoints e) => e.ListFaults());
        control.MapPost("/faults", (ControlEndpoints e, HttpContext c) => e.AddFaultAsync(c));
        control.MapDelete("/faults", (ControlEndpoints e) => e.ClearFaults());
    }
}

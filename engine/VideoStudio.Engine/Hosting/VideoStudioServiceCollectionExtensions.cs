using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Engine.Telemetry;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Hosting;

/// <summary>Registers the whole engine in a host's container.</summary>
public static class VideoStudioServiceCollectionExtensions
{
    /// <summary>
    /// Adds VideoStudio, binding <see cref="VideoStudioOptions"/> from the <c>VideoStudio</c> section when
    /// <paramref name="configuration"/> is given. With no WaveSpeed key the jobs run on the embedded simulator when
    /// the app carries it (<c>VideoStudio.Embedded</c>); a host checks the plugins directory and the job store when it
    /// starts (<see cref="VideoStudioHostingOptions"/>, docs/embedding.md).
    /// </summary>
    public static IServiceCollection AddVideoStudio(this IServiceCollection services, IConfiguration? configuration = null, Action<VideoStudioOptions>? configure = null)
    {
        AddCatalogServices(services, configuration, configure);
        services.AddTransient<Catalog.Import.PluginImport>();
        services.TryAddSingleton<IVideoStudioPlugins, VideoStudioPlugins>();
        AddHosting(services, configuration);
        AddJobs(services, configuration);
        return services;
    }

    // The catalog, validation and pricing half, shared by AddVideoStudio and AddVideoStudioCatalog: options, plugin
    // discovery and its cache, the media inspector (with its egress-fenced HTTP client) and the planner, and the facade.
    // No job store, no provider, no hosted service.
    internal static void AddCatalogServices(IServiceCollection services, IConfiguration? configuration, Action<VideoStudioOptions>? configure)
    {
        OptionsBuilder<VideoStudioOptions> options = services.AddOptions<VideoStudioOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(VideoStudioOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Every options class is checked one way, at start: its DataAnnotations (single-setting ranges, with messages
        // naming the setting and the fix), plus a validator only for rules that span settings.
        options.ValidateDataAnnotations().ValidateOnStart();
        OptionsBuilder<PluginLimits> limits = services.AddOptions<PluginLimits>();
        if (configuration is not null)
        {
            limits.Bind(configuration.GetSection(PluginLimits.SectionName));
        }

        limits.ValidateDataAnnotations().ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<VideoStudioMetrics>();
        services.TryAddSingleton<IMediaProbe, TagLibMediaProbe>();
        services.TryAddSingleton<IPluginCodeLoader, McMasterPluginCodeLoader>();
        services.AddSingleton<PluginCodeActivator>();
        services.AddSingleton(sp => new PluginFileGuard(sp.GetRequiredService<IOptions<PluginLimits>>().Value));
        services.AddSingleton<PluginValidationCache>();
        services.AddSingleton<PluginFolderReader>();
        services.AddSingleton<PluginCallBudget>();
        services.AddSingleton<PluginDiscovery>();
        services.AddSingleton<ICardExamplePlanner, Planning.CardExamplePlanner>();
        services.AddSingleton<PluginInstaller>();
        services.TryAddSingleton<Catalog.PluginCatalogHolder>();
        services.AddSingleton<MediaInspector>();
        services.AddSingleton<InputPipeline>();
        services.TryAddSingleton<RequestPlanner>();
        services.TryAddSingleton<IVideoStudio, VideoStudioEngine>();
        services.AddVideoStudioEgress(configuration);
        services.AddHttpClient(MediaInspector.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<VideoStudioOptions>>().Value.RemoteProbeTimeout)
            .AddEgressPolicy();
    }

    /// <summary>
    /// Adds the hosted watcher of the plugins directories: a change (install, upgrade, removal) reloads the catalog
    /// by itself, as <see cref="IVideoStudioPlugins.ReloadAsync"/> does on request.
    /// </summary>
    public static IServiceCollection AddVideoStudioPluginWatcher(this IServiceCollection services)
    {
        services.AddHostedService<PluginDirectoryWatcher>();
        return services;
    }

    // Jobs: the WaveSpeed transport (key from WAVESPEED_API_KEY unless configured), the configured store (SQLite in
    // the data directory by default, or PostgreSQL), this process's worker identity, the steps, one executor, and the
    // hosted worker that runs them (a host starts it; the CLI calls IVideoJobs.RunAsync).
    private static void AddJobs(IServiceCollection services, IConfiguration? configuration)
    {
        OptionsBuilder<JobOptions> jobs = services.AddOptions<JobOptions>();
        OptionsBuilder<WaveSpeedOptions> wavespeed = services.AddOptions<WaveSpeedOptions>();
        if (configuration is not null)
        {
            jobs.Bind(configuration.GetSection(JobOptions.SectionName));
            wavespeed.Bind(configuration.GetSection(WaveSpeedOptions.SectionName));
        }

        // An empty configured key (WaveSpeed__ApiKey="") is no key: it must not hide WAVESPEED_API_KEY and start the simulator.
        wavespeed.PostConfigure(o => o.ApiKey = o.ApiKey is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("WAVESPEED_API_KEY") is { Length: > 0 } key ? key : null);
        // After the key is known: no key (or UseSimulator()) points WaveSpeed at the embedded simulator.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WaveSpeedOptions>, EmbeddedWaveSpeedSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JobOptions>, EmbeddedJobSetup>());
        // The jobs see only IVideoProvider: the WaveSpeed adapter, inside spans and metrics, inside the call log.
        services.AddWaveSpeedProvider().UseTelemetry().UseLogging();
        services.TryAddSingleton<IModelProviders, CatalogModelProviders>(); // routes each model to the adapter its plugin names
        services.AddLocalOperations(sp => Path.Combine(sp.GetRequiredService<IOptions<JobOptions>>().Value.DataDirectory, "local-operations"), configuration: configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());
        jobs.ValidateDataAnnotations().ValidateOnStart(); // a host validates at start; without a host, on first use
        services.TryAddSingleton<IJobStore>(JobStoreFactory.Create);
        services.TryAddSingleton<JobWorker>();
        services.TryAddSingleton<JobModels>();
        services.TryAddSingleton<JobEventHub>();
        services.TryAddSingleton<JobContext>();
        services.TryAddSingleton<JobIntake>();
        services.TryAddSingleton<JobWatcher>();
        services.TryAddSingleton<JobCancellation>();
        services.TryAddSingleton<JobWebhooks>();
        services.TryAddSingleton<Jobs.Chaining.JobOutputMedia>();
        services.TryAddSingleton<IVideoJobs, VideoJobs>();

        // The one path every job takes: a step per state, one executor, and the worker that owns every loop.
        services.TryAddSingleton<QueuedStep>();
        services.TryAddSingleton<SubmittingStep>();
        services.TryAddSingleton<ProcessingStep>();
        services.TryAddSingleton<DownloadingStep>();
        services.TryAddSingleton<JobOutputs>();
        services.TryAddSingleton<JobSteps>();
        services.TryAddSingleton<JobWriter>();
        services.TryAddSingleton<JobExecutor>();
        services.TryAddSingleton<LeaseRenewal>();
        services.TryAddSingleton<Jobs.Charges.ChargeCollector>();
        services.TryAddSingleton<JobsWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobsWorker>());
        services.TryAddSingleton<Drift.CatalogDriftCheck>();
        AddWebhooksOut(services, configuration);
    }

    // The host integration: the provider choice, the per-app data directory (registered before the configuration is
    // bound, so a configured one wins), and the start-up checks, which run before the job worker's own start.
    private static void AddHosting(IServiceCollection services, IConfiguration? configuration)
    {
        OptionsBuilder<VideoStudioHostingOptions> hosting = services.AddOptions<VideoStudioHostingOptions>();
        if (configuration is not null)
        {
            hosting.Bind(configuration.GetSection(VideoStudioHostingOptions.SectionName));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JobOptions>, AppDataDirectory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<VideoStudioOptions>, PluginStateDirectoryDefault>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobStoreFolderCheck>());
        services.TryAddSingleton<EmbeddedProviderState>();
        services.TryAddSingleton(sp => new EmbeddedProvider(sp.GetRequiredService<EmbeddedProviderState>(), sp.GetRequiredService<IOptions<VideoStudioHostingOptions>>(),
            sp.GetRequiredService<IOptions<VideoStudioOptions>>(), sp.GetRequiredService<IOptionsMonitor<WaveSpeedOptions>>(), sp.GetRequiredService<IOptionsMonitorCache<WaveSpeedOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EmbeddedProvider>>()));
        services.TryAddSingleton<ProviderStatusReader>();
        services.AddHostedService<VideoStudioStartup>();
    }

    // Webhooks out: validated options, the outbox of the configured store, and deliveries through the egress policy
    // (redirects not followed: a receiver's 3xx is a failure, never a hop to somewhere unchecked).
    private static void AddWebhooksOut(IServiceCollection services, IConfiguration? configuration)
    {
        OptionsBuilder<WebhookOptions> webhooks = services.AddOptions<WebhookOptions>();
        if (configuration is not null)
        {
            webhooks.Bind(configuration.GetSection(WebhookOptions.SectionName));
        }

        webhooks.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<IWebhookStore>(JobStoreFactory.Webhooks);
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton(sp => new WebhookRetryPolicy(sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.TryAddSingleton<WebhookDispatcher>();
        services.TryAddSingleton<WebhookSettings>();
        services.TryAddSingleton<IWebhookEndpoints>(sp => sp.GetRequiredService<WebhookSettings>());
        services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            SocketsHttpHandler handler = sp.GetRequiredService<EgressHttpHandler>().Create();
            handler.AllowAutoRedirect = false;
            return handler;
        });
    }
}

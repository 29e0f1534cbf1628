using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// The provider started inside the host when the jobs are to run offline (no key, or <c>UseSimulator()</c>): its key
/// and webhook secret exist from the start, so the WaveSpeed options can name them before it listens; its address is
/// known once <see cref="StartAsync"/> returns, and the options are read again then. Until it starts, the WaveSpeed
/// address is a loopback port where nothing listens, so nothing can reach the real API with the simulator's key.
/// </summary>
public sealed class EmbeddedProvider : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the assembly whose <see cref="EmbeddedProviderFactoryAttribute"/> gives the default factory.</summary>
    public const string SimulatorAssemblyName = "VideoStudio.Simulator";

    /// <summary>Where WaveSpeed calls go before the embedded provider listens (the discard port: connections are refused).</summary>
    public static readonly Uri NotStartedUrl = new("http://127.0.0.1:9/");

    private readonly EmbeddedProviderState state;
    private readonly IOptions<VideoStudioHostingOptions> hosting;
    private readonly IOptions<VideoStudioOptions> engine;
    private readonly IOptionsMonitor<WaveSpeedOptions> wavespeed;
    private readonly IOptionsMonitorCache<WaveSpeedOptions> wavespeedCache;
    private readonly ILogger<EmbeddedProvider> logger;
    private readonly SemaphoreSlim starting = new(1, 1);

    /// <summary>Created by the container.</summary>
    internal EmbeddedProvider(EmbeddedProviderState state, IOptions<VideoStudioHostingOptions> hosting, IOptions<VideoStudioOptions> engine,
        IOptionsMonitor<WaveSpeedOptions> wavespeed, IOptionsMonitorCache<WaveSpeedOptions> wavespeedCache, ILogger<EmbeddedProvider> logger)
    {
        this.wavespeed = wavespeed;
        this.state = state;
        this.hosting = hosting;
        this.engine = engine;
        this.wavespeedCache = wavespeedCache;
        this.logger = logger;
    }

    /// <summary>Where it listens once started; null before.</summary>
    public Uri? BaseUrl => state.Server?.BaseUrl;

    /// <summary>True once the WaveSpeed options were resolved to this provider (read them first: <see cref="ProviderStatusReader"/>).</summary>
    public bool IsChosen => state.IsChosen;

    /// <summary>
    /// Starts the provider once when the jobs run on it (no key, or <c>UseSimulator()</c>), and does nothing when they
    /// go to the real API; later calls return at once. The WaveSpeed options then point at it. A host calls it when it
    /// starts; an app without a host (a bare <c>ServiceProvider</c>, the CLI) calls it before running jobs.
    /// </summary>
    /// <exception cref="VideoStudioStartupException">No embedded provider is available, or it did not start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _ = wavespeed.CurrentValue; // resolving them makes the choice
        if (state.Server is not null || !state.IsChosen)
        {
            return;
        }

        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (state.Server is not null)
            {
                return;
            }

            IEmbeddedProviderFactory start = state.Factory ?? throw new VideoStudioStartupException(
                $"The embedded simulator was chosen but the {SimulatorAssemblyName} assembly is not part of the app: add the VideoStudio.Embedded (or VideoStudio.Simulator) package, or configure a key with UseWaveSpeed(key) / WaveSpeed:ApiKey.");
            string plugins = engine.Value.PluginsDirectory;
            IEmbeddedProviderServer server;
            try
            {
                var request = new EmbeddedProviderRequest(plugins, state.ApiKey, state.WebhookSecret, state.LatencyScale)
                {
                    UserPluginsDirectory = engine.Value.UserPluginsDirectory,
                    FetchLoopbackMedia = hosting.Value.SimulatorFetchLoopbackMedia,
                };
                server = await start.StartAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new VideoStudioStartupException($"The embedded WaveSpeed simulator did not start ({ex.GetType().Name}: {ex.Message}). Configure a key with UseWaveSpeed(key) / WaveSpeed:ApiKey to use the real API instead.", ex);
            }

            // The WaveSpeed options named the not-started address until now: built again on the next read.
            state.Server = server;
            wavespeedCache.TryRemove(Options.DefaultName);
            if (hosting.Value.Provider == ProviderChoice.Simulator)
            {
                logger.LogWarning("Using the embedded WaveSpeed simulator at {BaseUrl} as configured (nothing is billed; {Outputs}).", server.BaseUrl, server.Description);
            }
            else
            {
                logger.LogWarning("No WaveSpeed API key is configured (WaveSpeed:ApiKey, WAVESPEED_API_KEY or UseWaveSpeed(key)): using the embedded WaveSpeed simulator at {BaseUrl} (nothing is billed; {Outputs}).", server.BaseUrl, server.Description);
            }
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>
    /// For a container disposed synchronously (<c>ServiceProvider.Dispose</c>, as tests and console apps do): without it
    /// such a container throws for an async-only singleton. A provider that never started holds nothing to await.
    /// </summary>
    public void Dispose()
    {
        if (state.Server is null)
        {
            starting.Dispose();
            return;
        }

        DisposeAsync().AsTask().GetAwaiter().GetResult(); // the container offers no async path here
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        IEmbeddedProviderServer? running = state.Server;
        state.Server = null;
        if (running is not null)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }

        starting.Dispose();
    }
}

/// <summary>
/// What the WaveSpeed and job options need of the embedded provider before it starts (its key, secret, the choice)
/// and its address after: kept apart from <see cref="EmbeddedProvider"/> so building those options never needs the
/// engine's own options.
/// </summary>
internal sealed class EmbeddedProviderState(IOptions<VideoStudioHostingOptions> hosting, IEnumerable<IEmbeddedProviderFactory> registered)
{
    private readonly Lazy<IEmbeddedProviderFactory?> factory = new(() => registered.LastOrDefault() ?? FindSimulatorFactory());
    private volatile bool chosen;
    private volatile IEmbeddedProviderServer? server;

    /// <summary>The key the embedded provider accepts (random, never a real key).</summary>
    public string ApiKey { get; } = "sim_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secret it signs webhooks with.</summary>
    public string WebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The latency scale it runs at.</summary>
    public double LatencyScale => hosting.Value.SimulatorLatencyScale;

    /// <summary>The factory that starts it: registered by <c>UseSimulator()</c>, else the simulator assembly's, else none.</summary>
    public IEmbeddedProviderFactory? Factory => factory.Value;

    /// <summary>The running provider, once started.</summary>
    public IEmbeddedProviderServer? Server
    {
        get => server;
        set => server = value;
    }

    /// <summary>True when the WaveSpeed options were last resolved to the embedded provider.</summary>
    public bool IsChosen => chosen;

    /// <summary>Decides, from the configured key, whether the jobs run on the embedded provider; called while the WaveSpeed options are built.</summary>
    public bool Choose(string? configuredKey)
    {
        chosen = hosting.Value.Provider switch
        {
            ProviderChoice.Simulator => true,
            ProviderChoice.Automatic => string.IsNullOrEmpty(configuredKey) && Factory is not null,
            _ => false,
        };
        return chosen;
    }

    // The simulator references the engine, so the engine finds it by name when the app carries it (docs/embedding.md).
    private static IEmbeddedProviderFactory? FindSimulatorFactory()
    {
        Assembly simulator;
        try
        {
            simulator = Assembly.Load(new AssemblyName(EmbeddedProvider.SimulatorAssemblyName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }

        return simulator.GetCustomAttribute<EmbeddedProviderFactoryAttribute>()?.FactoryType is Type type
            ? (IEmbeddedProviderFactory?)Activator.CreateInstance(type, nonPublic: true)
            : null;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Hosting;
using VideoStudio.Simulator;

[assembly: EmbeddedProviderFactory(typeof(EmbeddedSimulatorFactory))]

namespace VideoStudio.Simulator;

/// <summary>
/// The engine's offline default: <c>AddVideoStudio()</c> with no WaveSpeed key starts this simulator on a free loopback
/// port (found through the assembly attribute above, since the engine cannot reference the simulator), serving the
/// host's own plugins (both directories). It fetches no loopback media for callers unless the host allows it
/// (<see cref="VideoStudioHostingOptions.SimulatorFetchLoopbackMedia"/>): an embedding app may face callers (docs/security.md).
/// </summary>
internal sealed class EmbeddedSimulatorFactory : IEmbeddedProviderFactory
{
    /// <inheritdoc />
    public async Task<IEmbeddedProviderServer> StartAsync(EmbeddedProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = request.ApiKey,
            WebhookSecret = request.WebhookSecret,
            PluginsDirectory = request.PluginsDirectory,
            UserPluginsDirectory = request.UserPluginsDirectory,
            LatencyScale = request.LatencyScale,
            FetchLoopbackMedia = request.FetchLoopbackMedia,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        }, cancellationToken).ConfigureAwait(false);
        return new Running(server);
    }

    private sealed class Running(SimulatorServer server) : IEmbeddedProviderServer
    {
        public Uri BaseUrl { get; } = new(server.BaseUrl);

        public string Description => server.OutputDescription;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}

/// <summary><c>UseSimulator()</c>: the explicit offline choice.</summary>
public static class EmbeddedSimulatorExtensions
{
    /// <summary>Jobs run on the embedded WaveSpeed simulator, started with the host, whatever key is configured: nothing is billed.</summary>
    public static IServiceCollection UseSimulator(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmbeddedProviderFactory, EmbeddedSimulatorFactory>());
        services.Configure<VideoStudioHostingOptions>(o => o.Provider = ProviderChoice.Simulator);
        return services;
    }
}

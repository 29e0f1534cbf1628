using Microsoft.Extensions.DependencyInjection;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// Composes the provider the jobs use: an inner adapter wrapped by decorators, the first added outermost (as
/// <c>ChatClientBuilder</c> does). <see cref="VideoProviderServiceCollectionExtensions.AddVideoProvider"/> registers the
/// result; the engine adds telemetry and logging, and a host adds its own with <see cref="Use"/>.
/// </summary>
/// <param name="innerFactory">Creates the adapter that talks to the provider.</param>
public sealed class VideoProviderBuilder(Func<IServiceProvider, IVideoProvider> innerFactory)
{
    private readonly List<Func<IVideoProvider, IServiceProvider, IVideoProvider>> decorators = [];

    /// <summary>Adds a decorator; decorators added earlier wrap those added later.</summary>
    public VideoProviderBuilder Use(Func<IVideoProvider, IServiceProvider, IVideoProvider> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        decorators.Add(decorator);
        return this;
    }

    /// <summary>
    /// Builds the pipeline: the adapter (under a <see cref="RoutingVideoProvider"/> when other adapters are registered
    /// as <see cref="ProviderRoute"/>s, so the decorators see every adapter's calls), then each decorator from the last
    /// added to the first.
    /// </summary>
    public IVideoProvider Build(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        IVideoProvider provider = innerFactory(services);
        ProviderRoute[] routes = [.. services.GetServices<ProviderRoute>()];
        if (routes.Length > 0)
        {
            provider = new RoutingVideoProvider(provider, routes, services.GetRequiredService<IModelProviders>());
        }

        for (int i = decorators.Count - 1; i >= 0; i--)
        {
            provider = decorators[i](provider, services) ?? throw new InvalidOperationException($"Decorator {i} of the video provider pipeline returned null.");
        }

        return provider;
    }

    /// <summary>Adds <see cref="LoggingVideoProvider"/>.</summary>
    public VideoProviderBuilder UseLogging() =>
        Use((inner, services) => new LoggingVideoProvider(inner, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LoggingVideoProvider>>()));
}

using Microsoft.Extensions.DependencyInjection;

namespace VideoStudio.Engine.Providers;

/// <summary>Registers the provider pipeline the jobs depend on.</summary>
public static class VideoProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IVideoProvider"/> as a singleton built by the returned builder around the adapter
    /// <paramref name="innerFactory"/> creates. A later registration replaces an earlier one.
    /// </summary>
    public static VideoProviderBuilder AddVideoProvider(this IServiceCollection services, Func<IServiceProvider, IVideoProvider> innerFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new VideoProviderBuilder(innerFactory);
        services.AddSingleton(builder.Build);
        return builder;
    }
}

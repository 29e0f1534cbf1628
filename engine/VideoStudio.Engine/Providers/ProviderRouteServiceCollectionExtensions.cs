using Microsoft.Extensions.DependencyInjection;

namespace VideoStudio.Engine.Providers;

/// <summary>Registers adapters beside the primary one; <see cref="VideoProviderBuilder"/> puts a <see cref="RoutingVideoProvider"/> under the decorators once any is registered.</summary>
public static class ProviderRouteServiceCollectionExtensions
{
    /// <summary>
    /// Adds an adapter serving the models whose manifest names <paramref name="name"/>; downloads of
    /// <paramref name="urlSchemes"/> URLs go to it. Needs an <see cref="IModelProviders"/> (AddVideoStudio registers one).
    /// </summary>
    public static IServiceCollection AddProviderRoute(this IServiceCollection services, string name, Func<IServiceProvider, IVideoProvider> factory, params string[] urlSchemes)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A provider name holds no colon: it qualifies the adapter's task ids as name:id.", nameof(name));
        }

        services.AddSingleton(sp => new ProviderRoute(name, factory(sp), urlSchemes));
        return services;
    }
}

namespace VideoStudio.Engine.Providers;

/// <summary>Typed access to a provider's optional capabilities, as <c>ChatClientExtensions.GetService&lt;T&gt;</c>.</summary>
public static class VideoProviderExtensions
{
    /// <summary>The provider's <typeparamref name="TService"/> (an optional capability such as <see cref="IProviderQuotes"/>), or null when it has none.</summary>
    public static TService? GetService<TService>(this IVideoProvider provider, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.GetService(typeof(TService), serviceKey) as TService;
    }

    /// <summary>
    /// The provider to use for <paramref name="modelId"/> in a call that names no model or task (an upload before its
    /// submission): the adapter a router sends the model to, else <paramref name="provider"/> itself.
    /// </summary>
    public static async ValueTask<IVideoProvider> ForModelAsync(this IVideoProvider provider, string modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.GetService<IProviderRouting>() is { } routing && await routing.RouteOfAsync(modelId, cancellationToken).ConfigureAwait(false) is { } routed
            ? routed
            : provider;
    }
}

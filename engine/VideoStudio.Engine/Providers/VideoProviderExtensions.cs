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
}

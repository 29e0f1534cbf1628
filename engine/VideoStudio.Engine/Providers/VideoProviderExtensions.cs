using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// The provider's live quote for an input, or null when it offers none or could not answer (logged with the
    /// reason, never turned into a guess): the one way the engine asks for a quote (submission, the quote facade, drift).
    /// </summary>
    internal static async Task<decimal?> TryQuoteAsync(this IVideoProvider provider, string modelId, JsonObject input, ILogger? logger, CancellationToken cancellationToken)
    {
        if (provider.GetService<IProviderQuotes>() is not { } quotes)
        {
            return null;
        }

        try
        {
            return await quotes.QuoteAsync(modelId, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException)
        {
            logger?.LogWarning("Live quote for {Model} unavailable: {Reason}", modelId, ex.Message);
            return null;
        }
    }
}

using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional provider capability (through <see cref="IVideoProvider.GetService"/>): the provider's own live price for an
/// input, which budgets and the console use where a pricing rule is unknown or uncertain.
/// </summary>
public interface IProviderQuotes
{
    /// <summary>The provider's live price for an input in USD, or null when it gives none for this input.</summary>
    Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken);
}

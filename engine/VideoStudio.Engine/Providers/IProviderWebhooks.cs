namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional provider capability (through <see cref="IVideoProvider.GetService"/>): verifying and reading the signed
/// completion webhooks the provider sends. Without it, a job learns its result by polling only.
/// </summary>
public interface IProviderWebhooks
{
    /// <summary>Verifies and reads a webhook delivery the provider sent (headers as received, the raw body, the shared secret).</summary>
    ProviderWebhook ReadWebhook(IReadOnlyDictionary<string, string> headers, string rawBody, string secret);
}

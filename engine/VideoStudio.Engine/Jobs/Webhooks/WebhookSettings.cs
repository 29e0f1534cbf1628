using Microsoft.Extensions.Options;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// What an owner does with webhooks (the API and CLI call this): set, read and remove the default endpoint, rotate
/// the secret, list deliveries and redeliver. A job with a webhook of its own gets the owner a secret if they had none.
/// </summary>
public sealed class WebhookSettings(IWebhookStore store, WebhookTargets targets, TimeProvider time, IOptions<WebhookOptions> options)
{
    /// <summary>Checks <paramref name="url"/> and makes it the owner's default endpoint (the secret is kept, or made).</summary>
    /// <exception cref="JobRejectedException">The URL is not allowed; the issue names <c>url</c>.</exception>
    public async Task<WebhookEndpoint> SetEndpointAsync(string owner, string url, CancellationToken cancellationToken)
    {
        await RequireAllowedAsync(url, "url", cancellationToken).ConfigureAwait(false);
        return await store.SetEndpointAsync(owner, url, WebhookSecrets.New(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a job's <c>webhook</c> and makes sure its owner has a secret to sign with.</summary>
    /// <exception cref="JobRejectedException">The URL is not allowed; the issue names <c>webhook</c>.</exception>
    public async Task PrepareJobWebhookAsync(string owner, string url, CancellationToken cancellationToken)
    {
        await RequireAllowedAsync(url, "webhook", cancellationToken).ConfigureAwait(false);
        await store.SetEndpointAsync(owner, null, WebhookSecrets.New(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner's settings, or null.</summary>
    public Task<WebhookEndpoint?> GetEndpointAsync(string owner, CancellationToken cancellationToken) => store.GetEndpointAsync(owner, cancellationToken);

    /// <summary>Removes the owner's endpoint and secrets.</summary>
    public Task<bool> DeleteEndpointAsync(string owner, CancellationToken cancellationToken) => store.DeleteEndpointAsync(owner, cancellationToken);

    /// <summary>A new current secret; the old one signs beside it for <see cref="WebhookOptions.RotationGrace"/>. Null when the owner has no settings.</summary>
    public Task<WebhookEndpoint?> RotateSecretAsync(string owner, CancellationToken cancellationToken) =>
        store.RotateSecretAsync(owner, WebhookSecrets.New(), time.GetUtcNow() + options.Value.RotationGrace, cancellationToken);

    /// <summary>The owner's deliveries, newest first.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string owner, string? jobId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken) =>
        store.ListDeliveriesAsync(owner, jobId, state, Math.Clamp(limit, 1, 500), cancellationToken);

    /// <summary>Sends one of the owner's deliveries again now (same id); null when it is not theirs.</summary>
    public Task<WebhookDelivery?> RedeliverAsync(string owner, string deliveryId, CancellationToken cancellationToken) => store.RedeliverAsync(owner, deliveryId, cancellationToken);

    private async Task RequireAllowedAsync(string url, string field, CancellationToken cancellationToken)
    {
        if (await targets.CheckAsync(url, field, cancellationToken).ConfigureAwait(false) is ValidationIssue issue)
        {
            throw new JobRejectedException(issue.Message, [issue]);
        }
    }
}

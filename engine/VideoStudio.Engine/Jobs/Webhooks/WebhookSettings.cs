using Microsoft.Extensions.Options;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// The <see cref="IWebhookEndpoints"/> implementation over the outbox's store; also what the intake calls so that a job
/// with a webhook of its own gets the owner a secret if they had none.
/// </summary>
internal sealed class WebhookSettings(IWebhookStore store, WebhookTargets targets, TimeProvider time, IOptions<WebhookOptions> options) : IWebhookEndpoints
{
    /// <inheritdoc />
    public async Task<WebhookEndpoint> SetEndpointAsync(string owner, string url, CancellationToken cancellationToken = default)
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

    /// <inheritdoc />
    public Task<WebhookEndpoint?> GetEndpointAsync(string owner, CancellationToken cancellationToken = default) => store.GetEndpointAsync(owner, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteEndpointAsync(string owner, CancellationToken cancellationToken = default) => store.DeleteEndpointAsync(owner, cancellationToken);

    /// <inheritdoc />
    public Task<WebhookEndpoint?> RotateSecretAsync(string owner, CancellationToken cancellationToken = default) =>
        store.RotateSecretAsync(owner, WebhookSecrets.New(), time.GetUtcNow() + options.Value.RotationGrace, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string owner, string? jobId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken = default) =>
        store.ListDeliveriesAsync(owner, jobId, state, Math.Clamp(limit, 1, 500), cancellationToken);

    /// <inheritdoc />
    public Task<WebhookDelivery?> RedeliverAsync(string owner, string deliveryId, CancellationToken cancellationToken = default) => store.RedeliverAsync(owner, deliveryId, cancellationToken);

    private async Task RequireAllowedAsync(string url, string field, CancellationToken cancellationToken)
    {
        if (await targets.CheckAsync(url, field, cancellationToken).ConfigureAwait(false) is ValidationIssue issue)
        {
            throw new JobRejectedException(issue.Message, [issue]);
        }
    }
}

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// What an owner does with webhooks out (the API and the CLI call this): set, read and remove the default endpoint,
/// rotate the secret, list deliveries and redeliver. Sending what is due is <see cref="Facade.IVideoJobs.DeliverWebhooksAsync"/>.
/// </summary>
public interface IWebhookEndpoints
{
    /// <summary>Checks <paramref name="url"/> and makes it the owner's default endpoint (the secret is kept, or made).</summary>
    /// <exception cref="JobRejectedException">The URL is not allowed; the issue names <c>url</c>.</exception>
    Task<WebhookEndpoint> SetEndpointAsync(string owner, string url, CancellationToken cancellationToken = default);

    /// <summary>The owner's settings, or null.</summary>
    Task<WebhookEndpoint?> GetEndpointAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Removes the owner's endpoint and secrets; false when there were none.</summary>
    Task<bool> DeleteEndpointAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>A new current secret; the old one signs beside it for <see cref="WebhookOptions.RotationGrace"/>. Null when the owner has no settings.</summary>
    Task<WebhookEndpoint?> RotateSecretAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>The owner's deliveries, newest first (<paramref name="limit"/> is kept within 1–500).</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string owner, string? jobId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken = default);

    /// <summary>Sends one of the owner's deliveries again (same id, due now); null when it is not theirs.</summary>
    Task<WebhookDelivery?> RedeliverAsync(string owner, string deliveryId, CancellationToken cancellationToken = default);
}

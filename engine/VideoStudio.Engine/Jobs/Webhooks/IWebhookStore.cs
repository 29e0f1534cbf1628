namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// The outgoing-webhook half of the job store: owners' endpoints and secrets, and the outbox. The outbox rows
/// themselves are written by <see cref="IJobStore"/> in the same transaction as the state change they announce
/// (created job or changed state, when the job has a webhook or its owner an endpoint), so none is lost in a crash
/// and none is sent for a change that was not stored. Deliveries are leased like jobs: one worker attempts a
/// delivery at a time, across every process sharing the store.
/// </summary>
internal interface IWebhookStore
{
    /// <summary>The owner's settings, or null when none were made.</summary>
    Task<WebhookEndpoint?> GetEndpointAsync(string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Sets (or, with a null <paramref name="url"/>, leaves as it is) the owner's default endpoint; the owner's secret is
    /// <paramref name="secretIfNew"/> when they had none, else unchanged.
    /// </summary>
    Task<WebhookEndpoint> SetEndpointAsync(string owner, string? url, string secretIfNew, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="newSecret"/> current; the old one keeps signing until <paramref name="previousUntil"/>. Null when the owner has no settings.</summary>
    Task<WebhookEndpoint?> RotateSecretAsync(string owner, string newSecret, DateTimeOffset previousUntil, CancellationToken cancellationToken);

    /// <summary>Removes the owner's endpoint and secrets (pending deliveries then die with a reason). False when there were none.</summary>
    Task<bool> DeleteEndpointAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="limit"/> pending deliveries that are due and that nobody holds to <paramref name="worker"/>.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(Leases.LeaseTerms worker, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome and gives the lease back; false when the claim is no longer held (another worker took it over).</summary>
    Task<bool> CompleteDeliveryAsync(ClaimedDelivery claimed, WebhookAttemptResult result, CancellationToken cancellationToken);

    /// <summary>The owner's deliveries, newest first, optionally of one job and in one state.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string owner, string? jobId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Makes one of the owner's deliveries pending and due now with a fresh retry window (same id); null when it is not theirs.</summary>
    Task<WebhookDelivery?> RedeliverAsync(string owner, string deliveryId, CancellationToken cancellationToken);
}

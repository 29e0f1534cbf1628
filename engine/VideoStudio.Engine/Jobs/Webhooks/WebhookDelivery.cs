namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>Where one outgoing event stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not delivered yet: due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Dead-lettered: retries ran out (or the target can never be reached); redeliver through the API.</summary>
    Dead,
}

/// <summary>
/// One event of one job for one receiver, as the owner sees it. <see cref="Id"/> is the <c>webhook-id</c> header of
/// every attempt, so a receiver de-duplicates on it (delivery is at least once).
/// </summary>
/// <param name="Id">The event id (<c>msg_…</c>), stable across attempts and redeliveries.</param>
/// <param name="JobId">The job.</param>
/// <param name="EventType">For example <c>job.completed</c>.</param>
/// <param name="Url">Where it goes (redacted): the job's webhook, else the owner's endpoint; null when the owner has none now.</param>
/// <param name="State">Pending, delivered or dead.</param>
/// <param name="Attempts">Attempts since it was created or last redelivered.</param>
/// <param name="CreatedAt">When the state change was stored.</param>
/// <param name="NextAttemptAt">When the next attempt is due (pending only).</param>
/// <param name="LastAttemptAt">When the last attempt ended.</param>
/// <param name="LastStatus">The receiver's HTTP status of the last attempt; null when it did not answer.</param>
/// <param name="LastError">Why the last attempt failed (no secret, no URL query).</param>
/// <param name="DeliveredAt">When a receiver took it.</param>
public sealed record WebhookDelivery(
    string Id, string JobId, string EventType, string? Url, WebhookDeliveryState State, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? DeliveredAt);

/// <summary>
/// A delivery leased to one worker for one attempt: what to send, where, and the secrets to sign with. Only the
/// holder of <see cref="Claim"/> can record the attempt's outcome.
/// </summary>
/// <param name="Delivery">The delivery as stored.</param>
/// <param name="Target">The full URL to post to (query included; never logged); null when there is none now.</param>
/// <param name="Payload">The exact body.</param>
/// <param name="Secrets">The owner's signing secrets in force (current first, then the previous one during its grace period).</param>
/// <param name="RetryFrom">When the current retry window started (creation or last redelivery).</param>
/// <param name="Claim">The claim's identity (worker and a unique part).</param>
internal sealed record ClaimedDelivery(WebhookDelivery Delivery, string? Target, string Payload, IReadOnlyList<string> Secrets, DateTimeOffset RetryFrom, string Claim);

/// <summary>What one attempt came to, as written back by <see cref="IWebhookStore.CompleteDeliveryAsync"/>.</summary>
/// <param name="State">Delivered, pending again (a retry is due at <paramref name="NextAttemptAt"/>) or dead.</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="NextAttemptAt">The retry's time when <paramref name="State"/> is pending.</param>
/// <param name="Status">The receiver's HTTP status, if it answered.</param>
/// <param name="Error">Why it failed, if it did.</param>
internal sealed record WebhookAttemptResult(WebhookDeliveryState State, DateTimeOffset At, DateTimeOffset? NextAttemptAt, int? Status, string? Error);

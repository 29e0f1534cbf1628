namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Outcome of a webhook signature check.</summary>
internal enum WebhookVerificationStatus
{
    /// <summary>Signed with the secret and recent: process it.</summary>
    Valid,

    /// <summary>A <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> header is missing or empty.</summary>
    MissingHeaders,

    /// <summary>The timestamp is not unix seconds.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is more than the window in the past or future (replay protection).</summary>
    Stale,

    /// <summary>No <c>v3,</c> signature matches.</summary>
    BadSignature,
}

/// <summary>The verdict plus a reason fit for logs (never contains the secret).</summary>
internal sealed record WebhookVerificationResult(WebhookVerificationStatus Status, string Reason)
{
    /// <summary>True only for <see cref="WebhookVerificationStatus.Valid"/>.</summary>
    public bool IsValid => Status == WebhookVerificationStatus.Valid;
}

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// An owner's webhook settings: the default endpoint (for jobs without a webhook of their own) and the signing
/// secrets. After a rotation the previous secret keeps signing beside the new one until <see cref="PreviousSecretExpiresAt"/>,
/// so receivers can switch without missing a delivery.
/// </summary>
/// <param name="Owner">Whose.</param>
/// <param name="Url">The default endpoint (full, as the owner set it); null when only per-job webhooks are used.</param>
/// <param name="Secret">The current signing secret (<c>whsec_…</c>).</param>
/// <param name="PreviousSecret">The secret before the last rotation, while it still signs.</param>
/// <param name="PreviousSecretExpiresAt">When the previous secret stops signing.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record WebhookEndpoint(string Owner, string? Url, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SecretsAt(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];
}

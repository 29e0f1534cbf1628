namespace VideoStudio.Engine.Providers;

/// <summary>Who a provider is.</summary>
/// <param name="Name">The provider's name for telemetry (<c>gen_ai.provider.name</c>), e.g. <c>wavespeed</c>.</param>
/// <param name="Account">
/// Identifies where this provider's tasks live (for WaveSpeed, its base URL: one API host is one account's task
/// history). Stored on each job: a job is resumed, reconciled and billed only by a provider with the same account, and
/// the cross-host submission limits are counted per account. Never a key or a secret.
/// </param>
public sealed record VideoProviderMetadata(string Name, string Account);

namespace VideoStudio.Simulator;

/// <summary>
/// Per-key account-tier limits (WaveSpeed "account levels"). Concurrency over the limit queues the task (it stays
/// <c>created</c> longer), as WaveSpeed documents; submits over the per-minute rate are answered 429 with a
/// <c>Retry-After</c> (UNCONFIRMED: the docs do not say whether rate overflow queues or rejects).
/// </summary>
/// <param name="MaxConcurrentTasks">Tasks processing at once; null = unlimited.</param>
/// <param name="SubmitsPerMinute">Accepted submits per sliding minute; null = unlimited.</param>
public sealed record TierLimits(int? MaxConcurrentTasks, int? SubmitsPerMinute)
{
    /// <summary>No limits (the test default).</summary>
    public static TierLimits Unlimited { get; } = new(null, null);

    /// <summary>WaveSpeed Bronze: 2 video tasks per minute, 2 at once.</summary>
    public static TierLimits Bronze { get; } = new(2, 2);
}

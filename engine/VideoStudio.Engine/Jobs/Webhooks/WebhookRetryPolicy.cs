using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff (<see cref="WebhookOptions.FirstRetryDelay"/> doubling
/// up to <see cref="WebhookOptions.MaxDelay"/>) with "equal jitter" (a random half of each delay), so receivers
/// coming back from an outage are not hit by every sender at once; dead once the next try would fall after
/// <see cref="WebhookOptions.RetryFor"/> from the start of the retry window.
/// </summary>
internal sealed class WebhookRetryPolicy(IOptions<WebhookOptions> options, Random? random = null)
{
    private readonly Random random = random ?? Random.Shared;

    /// <summary>The time of the next attempt after <paramref name="failedAttempts"/> failures, or null when the delivery is dead.</summary>
    public DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset retryFrom, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        WebhookOptions o = options.Value;
        double doublings = Math.Min(failedAttempts - 1, 40);
        double ceiling = Math.Min(o.MaxDelay.TotalMilliseconds, o.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, doublings));
        TimeSpan delay = TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
        DateTimeOffset next = now + delay;
        return next > retryFrom + o.RetryFor ? null : next;
    }
}

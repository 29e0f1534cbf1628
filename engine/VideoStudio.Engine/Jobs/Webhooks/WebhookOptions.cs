using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>Outgoing webhooks, bound from <c>VideoStudio:Webhooks</c>; checked by <see cref="WebhookOptionsValidator"/>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:Webhooks";

    /// <summary>How long a failing delivery is retried (from its creation or last redelivery) before it is dead-lettered.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "30.00:00:00", "above zero and at most 30 days (dead deliveries can be redelivered through the API)", MinimumIsExclusive = true)]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The delay before the first retry; each further retry doubles it (with jitter) up to <see cref="MaxDelay"/>.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take, answer included; a slower receiver counts as failed.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:05:00", "above zero and at most 5 minutes", MinimumIsExclusive = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a process looks for due deliveries.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed and attempted at once by one process.</summary>
    [SettingRange(1, 256, "between 1 and 256")]
    public int Concurrency { get; set; } = 8;

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "30.00:00:00", "between zero and 30 days")]
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromDays(1);
}

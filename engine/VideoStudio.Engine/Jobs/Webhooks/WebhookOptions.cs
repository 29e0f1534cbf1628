namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>Outgoing webhooks, bound from <c>VideoStudio:Webhooks</c>; checked by <see cref="WebhookOptionsValidator"/>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:Webhooks";

    /// <summary>How long a failing delivery is retried (from its creation or last redelivery) before it is dead-lettered.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The delay before the first retry; each further retry doubles it (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take, answer included; a slower receiver counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a process looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed and attempted at once by one process.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromDays(1);
}

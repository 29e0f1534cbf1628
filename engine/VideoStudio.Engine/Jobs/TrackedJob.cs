using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>A job the poll scheduler watches: its record, its in-flight slot, its poll plan and where it stands in it.</summary>
internal sealed class TrackedJob(JobRecord job, IDisposable lease, PollPolicy policy)
{
    /// <summary>The job as last stored.</summary>
    public JobRecord Job { get; } = job;

    /// <summary>The submission gate's in-flight slot, released when the job leaves the provider.</summary>
    public IDisposable Lease { get; } = lease;

    /// <summary>When to check, how to back off, when to give up.</summary>
    public PollPolicy Policy { get; } = policy;

    /// <summary>The wait before the next check.</summary>
    public TimeSpan Interval { get; set; } = policy.FirstCheck;

    /// <summary>When the task reached the provider (for elapsed-versus-expected progress).</summary>
    public DateTimeOffset Started { get; } = job.Transitions.LastOrDefault(t => t.State == JobState.Processing)?.At ?? job.UpdatedAt;
}

using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>A job the poll scheduler watches: its record, its in-flight slot, its plan and where it stands in it.</summary>
internal sealed class TrackedJob(JobRecord job, IDisposable lease, JobPlan plan)
{
    /// <summary>The job as last stored.</summary>
    public JobRecord Job { get; } = job;

    /// <summary>The submission gate's in-flight slot, released when the job leaves the provider.</summary>
    public IDisposable Lease { get; } = lease;

    /// <summary>The job's plan (its model and poll plan).</summary>
    public JobPlan Plan { get; } = plan;

    /// <summary>When to check, how to back off, when to give up.</summary>
    public PollPolicy Policy => Plan.Poll;

    /// <summary>The wait before the next check.</summary>
    public TimeSpan Interval { get; set; } = plan.Poll.FirstCheck;

    /// <summary>When the task reached the provider (for elapsed-versus-expected progress).</summary>
    public DateTimeOffset Started { get; } = job.Transitions.LastOrDefault(t => t.State == JobState.Processing)?.At ?? job.UpdatedAt;
}

using VideoStudio.Engine.Jobs.Steps;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>A job this process holds the lease of: its record as last stored, its plan, and where its run stands.</summary>
internal sealed class HeldJob(JobRecord job, JobPlan? plan, InputHolder input, LeaseFence fence)
{
    private readonly TaskCompletionSource<JobRecord> settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The job as last stored.</summary>
    public JobRecord Job { get; set; } = job;

    /// <summary>Its model and poll plan; null when its model is not installed here (then only a cancel is applied to it).</summary>
    public JobPlan? Plan { get; } = plan;

    /// <summary>The input it is sent with.</summary>
    public InputHolder Input { get; } = input;

    /// <summary>Its lease and the writes that prove it.</summary>
    public LeaseFence Fence { get; } = fence;

    /// <summary>
    /// False for a job not yet submitted that was claimed by id (to be cancelled, or after its lease lapsed): it was not
    /// admitted within the account's limits, so it runs only a cancel.
    /// </summary>
    public bool Admitted { get; init; } = true;

    /// <summary>The provider's answer the last step handed on (<see cref="Advance.Answer"/>).</summary>
    public Providers.ProviderTask? Answer { get; set; }

    /// <summary>Consecutive waits of the current step (for backoff); reset when the job advances.</summary>
    public int Waits { get; set; }

    /// <summary>Set when a caller (here or through a signal) asked to cancel it.</summary>
    public volatile bool CancelRequested;

    /// <summary>When its step runs next (a timetable entry for an earlier time is stale).</summary>
    public DateTimeOffset NextRunAt { get; set; }

    /// <summary>Set when it came due while its step was running: it runs again right after.</summary>
    public volatile bool WokenDuringRun;

    /// <summary>Set while its step runs (the executor runs one step of a job at a time).</summary>
    public int Running;

    /// <summary>Cancels the running step (a cancel, or the lease lost); replaced for each run.</summary>
    public CancellationTokenSource? StepCancellation { get; set; }

    /// <summary>Completes with the job once it settles here (terminal or needing a decision), or when this process lets it go.</summary>
    public Task<JobRecord> Settled => settled.Task;

    /// <summary>Marks the job settled (or let go) as it now stands.</summary>
    public void Settle() => settled.TrySetResult(Job);
}

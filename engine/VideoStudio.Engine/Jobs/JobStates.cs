using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>What a job's state means for the work left (the watch ends, the executor lets the job go).</summary>
internal static class JobStates
{
    /// <summary>True once a job needs nothing more from this engine.</summary>
    public static bool Settled(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled or JobState.NeedsDecision;
}

using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// A state change lost a race: another writer (a cancel, a webhook, another step) changed the job first. Carries
/// the job as it now stands, so the loser can decide what is left for it to do, usually nothing.
/// </summary>
internal sealed class JobSupersededException(JobRecord current, JobState attempted)
    : Exception($"Job {current.Id} is already {current.State}; it was not moved to {attempted}.")
{
    /// <summary>The job as stored now.</summary>
    public JobRecord Current { get; } = current;
}

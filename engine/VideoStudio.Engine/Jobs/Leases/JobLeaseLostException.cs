namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>
/// A write was refused because this worker no longer holds the job's lease (it expired, or another worker claimed
/// the job and holds a higher fencing token). The writer must stop: the new holder carries the job on.
/// </summary>
internal sealed class JobLeaseLostException(string jobId, string reason)
    : Exception($"Job {jobId}: this worker no longer holds its lease ({reason}); another worker carries it on.")
{
    /// <summary>The job.</summary>
    public string JobId { get; } = jobId;
}

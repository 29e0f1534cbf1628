namespace VideoStudio.Engine.Jobs.Store;

/// <summary>An owner already has as many jobs waiting to be submitted as one owner may (HTTP 429, <c>too_many_queued_jobs</c>).</summary>
/// <param name="owner">The owner.</param>
/// <param name="limit">The most jobs the owner may have waiting.</param>
public sealed class TooManyQueuedJobsException(string owner, int limit)
    : Exception($"'{owner}' already has {limit} jobs waiting to be submitted, the most one owner may have queued (VideoStudio:Jobs:MaxQueuedJobsPerOwner, or the owner's own limit). Submit again when some have started.")
{
    /// <summary>The most jobs the owner may have waiting.</summary>
    public int Limit { get; } = limit;
}

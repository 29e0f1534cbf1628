using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>A job's write-ahead as the store timed it: both times on the store's clock, never a host's.</summary>
/// <param name="At">When the latest write-ahead (<see cref="JobState.Submitting"/>) was stored.</param>
/// <param name="Now">The store's time when this was read.</param>
public sealed record WriteAheadTime(DateTimeOffset At, DateTimeOffset Now)
{
    /// <summary>How long ago the write-ahead was stored, by the store's clock.</summary>
    public TimeSpan Elapsed => Now - At;
}

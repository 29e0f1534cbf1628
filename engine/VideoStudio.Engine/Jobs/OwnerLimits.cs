namespace VideoStudio.Engine.Jobs;

/// <summary>
/// One owner's own limits (<c>VideoStudio:Jobs:Owners:&lt;owner&gt;</c>); each one left unset is the default for every
/// owner (<see cref="JobOptions.DailyCapUsd"/>, <see cref="JobOptions.MonthlyCapUsd"/>, <see cref="JobOptions.MaxQueuedJobsPerOwner"/>).
/// </summary>
public sealed class OwnerLimits
{
    /// <summary>This owner's spend cap per UTC day, in USD.</summary>
    public decimal? DailyCapUsd { get; set; }

    /// <summary>This owner's spend cap per UTC month, in USD.</summary>
    public decimal? MonthlyCapUsd { get; set; }

    /// <summary>The most jobs this owner may have waiting to be submitted.</summary>
    public int? MaxQueuedJobs { get; set; }

    /// <summary>The caps and queue limit <paramref name="owner"/> is held to at <paramref name="now"/>: their own where set, else the defaults.</summary>
    internal static BudgetCaps For(JobOptions options, string owner, DateTimeOffset now)
    {
        OwnerLimits? own = options.Owners.TryGetValue(owner, out OwnerLimits? limits) ? limits : null;
        return new BudgetCaps(own?.DailyCapUsd ?? options.DailyCapUsd, own?.MonthlyCapUsd ?? options.MonthlyCapUsd, now)
        {
            MaxQueuedJobs = own?.MaxQueuedJobs ?? options.MaxQueuedJobsPerOwner,
        };
    }
}

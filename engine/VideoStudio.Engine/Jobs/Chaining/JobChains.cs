
namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>Reads a job's chain from the store: its parents, theirs, and so on (owner-scoped, bounded).</summary>
internal static class JobChains
{
    /// <summary>At most this many jobs are read for one chain.</summary>
    public const int MaxJobs = 100;

    /// <summary>The chain ending at <paramref name="jobId"/>; null when <paramref name="owner"/> has no such job.</summary>
    public static async Task<JobChain?> ReadAsync(IJobStore store, string jobId, string owner, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) is not JobRecord last)
        {
            return null;
        }

        var found = new Dictionary<string, JobRecord>(StringComparer.Ordinal) { [last.Id] = last };
        var next = new Queue<JobRecord>([last]);
        while (next.TryDequeue(out JobRecord? job) && found.Count < MaxJobs)
        {
            foreach (JobLink link in job.Parents)
            {
                if (!found.ContainsKey(link.JobId) && found.Count < MaxJobs
                    && await store.GetAsync(link.JobId, owner, cancellationToken).ConfigureAwait(false) is JobRecord parent)
                {
                    found[parent.Id] = parent;
                    next.Enqueue(parent);
                }
            }
        }

        ChainedJob[] jobs = [.. found.Values.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal).Select(Chained)];
        decimal known = jobs.Sum(j => j.CostUsd ?? 0m);
        int unknown = jobs.Count(j => j.CostUsd is null);
        return new JobChain(last.Id, jobs, unknown == 0 ? known : null, known, unknown);
    }

    private static ChainedJob Chained(JobRecord job)
    {
        (decimal? cost, string source) = job switch
        {
            { Charge: { Status: JobChargeStatus.Known, ChargedUsd: decimal charged } } => (charged, ChargeLookup.ProviderBilling),
            { FinalCostUsd: decimal final } => (final, job.CostSource ?? "estimated"),
            { IsTerminal: false, EstimateUsd: decimal estimate } => (estimate, "estimate (not finished)"),
            _ => ((decimal?)null, "unknown"),
        };
        return new ChainedJob(job.Id, job.ModelId, job.State, job.Parents, job.EstimateUsd, job.Charge?.ChargedUsd, cost, source);
    }
}

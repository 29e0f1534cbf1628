using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// Cancels a job, wherever it runs: a cancel makes the job due now at its holder, which writes it as the job's next
/// result. Held here: asked of this process's executor. Held by nobody: claimed here first. Held by another process:
/// a cancel signal through the store, which its holder acts on within <see cref="JobOptions.SignalInterval"/>.
/// </summary>
internal sealed class JobCancellation(JobContext context, JobExecutor executor)
{
    /// <summary>Cancels the owner's job and returns it as it then stands.</summary>
    /// <exception cref="KeyNotFoundException">No such job for this owner.</exception>
    public async Task<JobRecord> CancelAsync(string jobId, string owner, CancellationToken cancellationToken)
    {
        JobRecord job = await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
        // Bounded by time, not by a count of tries: on a busy machine a job moving from reserved to held (or a lease
        // being given back) can take longer than a fixed number of short waits.
        DateTimeOffset until = context.Time.GetUtcNow() + Patience;
        while (!job.IsTerminal && context.Time.GetUtcNow() < until)
        {
            Task<JobRecord>? settled = executor.RequestCancel(jobId);
            if (settled is null && await executor.ClaimAsync(1, jobId, cancellationToken).ConfigureAwait(false) == 1)
            {
                settled = executor.RequestCancel(jobId);
            }

            if (settled is not null)
            {
                // Settled also completes when this process lets the job go (a reserved job given back for the
                // store to admit in turn, a step that ended as the cancel came): then ask again, within the bound.
                await AwaitAsync(settled, cancellationToken).ConfigureAwait(false);
                job = await ReadAsync(job, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await context.Store.GetLeaseAsync(jobId, cancellationToken).ConfigureAwait(false) is { } holder && holder.Worker != executor.Terms.Worker)
            {
                await context.Store.SignalAsync(jobId, JobSignal.Cancel, cancellationToken).ConfigureAwait(false);
                return await AwaitHolderAsync(job, cancellationToken).ConfigureAwait(false);
            }

            // This process is giving the lease back right now: wait for the release to land, then claim it.
            await Task.Delay(TimeSpan.FromMilliseconds(25), context.Time, cancellationToken).ConfigureAwait(false);
            job = await ReadAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return job;
    }

    // A cancel waits for a POST in flight to be answered, and a stopped worker never answers: bounded either way.
    private async Task AwaitAsync(Task<JobRecord> settled, CancellationToken cancellationToken)
    {
        try
        {
            await settled.WaitAsync(Patience, context.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Answered as it stands.
        }
    }

    // The holder acts on the signal at its next signal tick; wait for that a few times over, then answer as it stands.
    private async Task<JobRecord> AwaitHolderAsync(JobRecord job, CancellationToken cancellationToken)
    {
        DateTimeOffset until = context.Time.GetUtcNow() + Patience;
        while (!job.IsTerminal && context.Time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken).ConfigureAwait(false);
            job = await ReadAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return job;
    }

    private TimeSpan Patience => (context.Options.SignalInterval * 3) + TimeSpan.FromSeconds(2);

    private async Task<JobRecord> ReadAsync(JobRecord job, CancellationToken cancellationToken) =>
        await context.Store.GetAsync(job.Id, job.Owner, cancellationToken).ConfigureAwait(false) ?? job;
}

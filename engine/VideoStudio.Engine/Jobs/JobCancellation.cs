using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Cancels a job, wherever it runs. Only a lease holder writes: a job this process holds is cancelled here; one
/// that nobody holds is claimed and cancelled; one that another process holds gets a cancel signal through the
/// store, which its holder acts on within <see cref="JobOptions.SignalInterval"/>.
/// </summary>
public sealed class JobCancellation(JobContext context, PollScheduler scheduler)
{
    /// <summary>Cancels the owner's job and returns it as it then stands.</summary>
    /// <exception cref="KeyNotFoundException">No such job for this owner.</exception>
    public async Task<JobRecord> CancelAsync(string jobId, string owner, CancellationToken cancellationToken)
    {
        JobRecord job = await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
        if (job.IsTerminal)
        {
            return job;
        }

        for (int attempt = 0; attempt < 20 && !job.IsTerminal; attempt++)
        {
            try
            {
                if (context.Leases.TryUse(jobId, out IDisposable? use))
                {
                    using (use)
                    {
                        return await CancelHeldAsync(job, cancellationToken).ConfigureAwait(false);
                    }
                }

                if ((await context.Store.ClaimAsync(new ClaimRequest(context.Leases.Terms, 1, jobId), cancellationToken).ConfigureAwait(false)) is [var claimed])
                {
                    context.Leases.Add(claimed.Lease);
                    using (context.Leases.Use(jobId))
                    {
                        return await CancelHeldAsync(claimed.Job, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (await context.Store.GetLeaseAsync(jobId, cancellationToken).ConfigureAwait(false) is { } holder && holder.Worker != context.Leases.Terms.Worker)
                {
                    await context.Store.SignalAsync(jobId, JobSignal.Cancel, cancellationToken).ConfigureAwait(false);
                    return await AwaitHolderAsync(job, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (JobLeaseLostException)
            {
                // This process's work on the job ended (or moved) under the cancel: look again at where it stands.
            }

            // This process is giving the lease back right now: wait for the release to land, then claim it.
            await Task.Delay(TimeSpan.FromMilliseconds(25), context.Time, cancellationToken).ConfigureAwait(false);
            job = await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? job;
        }

        return job;
    }

    /// <summary>Cancels a job this process holds (a caller here, or a signal from another process).</summary>
    public async Task<JobRecord> CancelHeldAsync(JobRecord job, CancellationToken cancellationToken)
    {
        using IDisposable use = context.Leases.Use(job.Id); // untracking below must not give the lease back before the write
        while (!job.IsTerminal)
        {
            scheduler.Untrack(job.Id);
            (string note, decimal charged) = CancelTerms(job);
            try
            {
                return await context.TransitionAsync(job, JobState.Cancelled, j => j with { Error = new JobError(ErrorCodes.Cancelled, note), FinalCostUsd = charged, CostSource = "estimated" },
                    JobEventKind.Cancelled, note, cancellationToken, settleUsd: charged).ConfigureAwait(false);
            }
            catch (JobSupersededException ex)
            {
                job = ex.Current; // a step of the job moved it first: decide again on where it is now
            }
        }

        return job;
    }

    // The holder acts on the signal at its next signal tick; wait for that a few times over, then answer as it stands.
    private async Task<JobRecord> AwaitHolderAsync(JobRecord job, CancellationToken cancellationToken)
    {
        DateTimeOffset until = context.Time.GetUtcNow() + (context.Options.SignalInterval * 3) + TimeSpan.FromSeconds(2);
        while (!job.IsTerminal && context.Time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken).ConfigureAwait(false);
            job = await context.Store.GetAsync(job.Id, job.Owner, cancellationToken).ConfigureAwait(false) ?? job;
        }

        return job;
    }

    // What a cancel means for the money depends on how far the job got: a task the provider may have accepted stays charged.
    private static (string Note, decimal ChargedUsd) CancelTerms(JobRecord job) => job switch
    {
        { PredictionId: string prediction } =>
            ($"Stopped watching prediction {prediction}; the provider has no cancel call, so the task may still run and be billed.", job.EstimateUsd ?? 0m),
        { State: JobState.Submitting } =>
            ("Cancelled while its submission was being sent: if the provider accepted it, its prediction id is recorded on this job when the answer arrives, and it may be billed.", job.EstimateUsd ?? 0m),
        _ => ("Cancelled before submission: nothing was charged.", 0m),
    };
}

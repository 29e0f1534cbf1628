using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Claims unfinished jobs that nobody holds (never started here, released, or left by a worker that died) and
/// carries each on from where it stands: before submission → run again; Submitting → reconcile against the
/// provider's history (never re-send); Processing → poll; Downloading → download again. The claim is one atomic
/// store operation, so two processes resuming at once never share a job. Jobs sent to an endpoint that is gone
/// (an earlier embedded simulator) are ended when the host asks for it.
/// </summary>
public sealed class JobResumer(JobModels models, JobContext context, JobRunner runner, PollScheduler scheduler, JobReconciler reconciler, JobCompletion completion, SubmissionGate gate, JobBackground background)
{
    /// <summary>
    /// Claims and resumes up to <paramref name="limit"/> jobs nobody holds (or only <paramref name="jobId"/>); returns
    /// how many were taken on (a claimed job this host cannot run, its model not installed, is released at once).
    /// </summary>
    public async Task<int> ResumeAsync(int limit, CancellationToken cancellationToken, string? jobId = null)
    {
        string? provider = context.Options.AbandonJobsOfOtherProviders ? null : context.ProviderName;
        IReadOnlyList<ClaimedJob> claimed = await context.Store.ClaimAsync(new ClaimRequest(context.Leases.Terms, limit, jobId, jobId is null ? provider : null), cancellationToken).ConfigureAwait(false);
        int started = 0;
        foreach ((JobRecord job, JobLease lease) in claimed)
        {
            context.Leases.Add(lease);
            using IDisposable use = context.Leases.Use(job.Id); // released at the end unless a step below takes the job on
            if (job.Provider != context.ProviderName && context.Options.AbandonJobsOfOtherProviders && job.State != JobState.NeedsDecision)
            {
                await context.FailAsync(job, ErrorCodes.ProviderGone, $"The provider this job was sent to ({job.Provider}) is no longer running (an earlier embedded simulator session).", 0m, cancellationToken).ConfigureAwait(false);
                started++;
                continue;
            }

            if (job.Provider == context.ProviderName && await models.PlanAsync(job, cancellationToken).ConfigureAwait(false) is { } plan)
            {
                Resume(job, plan);
                started++;
            }
        }

        return started;
    }

    private void Resume(JobRecord job, JobPlan plan)
    {
        switch (job.State)
        {
            case JobState.Queued or JobState.Uploading when Redaction.WasRedacted(job.Input):
                background.Start(job, token => context.FailAsync(job, ErrorCodes.CannotResume, "The job stopped before submission and its input held a signed URL, which is never stored; submit it again.", 0m, token));
                break;
            case JobState.Queued or JobState.Uploading:
                background.Start(job, token => runner.RunAsync(job, plan, job.Input, token));
                break;
            case JobState.Submitting:
                background.Start(job, async token =>
                {
                    IDisposable slot = gate.Resume();
                    bool handedOver = false;
                    try
                    {
                        handedOver = await reconciler.ReconcileAsync(job, plan, slot, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (!handedOver)
                        {
                            slot.Dispose(); // also when the reconciliation stops early (cancelled job, host stopping)
                        }
                    }
                });
                break;
            case JobState.Processing:
                scheduler.Track(job, plan, gate.Resume(), checkAtOnce: true);
                break;
            case JobState.Downloading:
                background.Start(job, token => ResumeDownloadAsync(job, plan, token));
                break;
        }
    }

    private async Task ResumeDownloadAsync(JobRecord job, JobPlan plan, CancellationToken cancellationToken)
    {
        ProviderTask snapshot = await context.Provider.GetResultAsync(job.PredictionId!, cancellationToken).ConfigureAwait(false);
        await completion.CompleteAsync(job, plan, snapshot, cancellationToken).ConfigureAwait(false);
    }
}

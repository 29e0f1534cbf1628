using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Picks up every unfinished job on start: before submission → run again; Submitting → reconcile against the
/// provider's history (never re-send); Processing → poll; Downloading → download again (resuming). Jobs sent to an
/// endpoint that is gone (an earlier embedded simulator) are ended when the host asks for it.
/// </summary>
public sealed class JobResumer(IVideoStudio studio, JobContext context, JobRunner runner, PollScheduler scheduler, JobReconciler reconciler, JobCompletion completion, SubmissionGate gate, JobBackground background)
{
    /// <summary>Resumes every unfinished job sent to the current provider; returns how many were picked up.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        int resumed = 0;
        foreach (JobRecord job in await context.Store.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (job.Provider != context.ProviderName && context.Options.AbandonJobsOfOtherProviders && job.State != JobState.NeedsDecision)
            {
                await context.FailAsync(job, "provider_gone", $"The provider this job was sent to ({job.Provider}) is no longer running (an earlier embedded simulator session).", 0m, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (job.Provider != context.ProviderName || job.State == JobState.NeedsDecision || background.IsRunning(job.Id) || catalog.Registry.TryFind(job.ModelId) is not { } model)
            {
                continue;
            }

            resumed++;
            switch (job.State)
            {
                case JobState.Queued or JobState.Uploading when Redaction.WasRedacted(job.Input):
                    background.Start(job, () => context.FailAsync(job, "cannot_resume", "The job stopped before submission and its input held a signed URL, which is never stored; submit it again.", 0m, background.Stopping));
                    break;
                case JobState.Queued or JobState.Uploading:
                    background.Start(job, () => runner.RunAsync(job, model, job.Input, background.Stopping));
                    break;
                case JobState.Submitting:
                    background.Start(job, async () =>
                    {
                        IDisposable lease = gate.Resume();
                        bool handedOver = false;
                        try
                        {
                            handedOver = await reconciler.ReconcileAsync(job, lease, background.Stopping).ConfigureAwait(false);
                        }
                        finally
                        {
                            if (!handedOver)
                            {
                                lease.Dispose(); // also when the reconciliation stops early (cancelled job, host stopping)
                            }
                        }
                    });
                    break;
                case JobState.Processing:
                    scheduler.Track(job, gate.Resume());
                    break;
                case JobState.Downloading:
                    background.Start(job, () => ResumeDownloadAsync(job));
                    break;
            }
        }

        return resumed;
    }

    private async Task ResumeDownloadAsync(JobRecord job)
    {
        PredictionSnapshot snapshot = await context.Provider.GetResultAsync(job.PredictionId!, background.Stopping).ConfigureAwait(false);
        await completion.CompleteAsync(job, snapshot, background.Stopping).ConfigureAwait(false);
    }
}

using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Settles a submission whose answer was lost (or whose process died mid-POST) by looking for it in the
/// provider's prediction history — same model, inside the time window, same input fingerprint. Found: adopted
/// and polled. Not found within the window: <see cref="JobState.NeedsDecision"/>. Never re-sent.
/// </summary>
public sealed class JobReconciler(JobContext context, PollScheduler scheduler)
{
    /// <summary>Reconciles a job in <see cref="JobState.Submitting"/>. Returns true when the lease was handed to the scheduler.</summary>
    public async Task<bool> ReconcileAsync(JobRecord job, JobPlan plan, IDisposable lease, CancellationToken cancellationToken)
    {
        DateTimeOffset submittedAt = job.Transitions.LastOrDefault(t => t.State == JobState.Submitting)?.At ?? job.UpdatedAt;
        DateTimeOffset giveUpAt = submittedAt + context.Options.ReconcileWindow;
        TimeSpan pause = TimeSpan.FromSeconds(Math.Clamp(context.Options.ReconcileWindow.TotalSeconds / 8, 0.2, 15));
        while (true)
        {
            ProviderTask? match = await FindAsync(job, submittedAt, cancellationToken).ConfigureAwait(false);
            if (match is not null)
            {
                context.Metrics.Reconciled(job.ModelId, adopted: true);
                await scheduler.AdoptAsync(job, plan, match.Id, lease, match, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (context.Time.GetUtcNow() >= giveUpAt)
            {
                break;
            }

            await Task.Delay(pause, context.Time, cancellationToken).ConfigureAwait(false);
        }

        context.Metrics.Reconciled(job.ModelId, adopted: false);
        await context.TransitionAsync(job, JobState.NeedsDecision, j => j with
        {
            Error = new JobError(ErrorCodes.OutcomeUnknown,
                $"The submission's answer was lost and no matching task appeared in the provider's history within {context.Options.ReconcileWindow.TotalMinutes:0.#} min, so it was probably not created. It was not sent again. Cancel it with 'videostudio jobs cancel {job.Id}' and submit again if you still want it."),
        }, JobEventKind.NeedsDecision, "outcome unknown", cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task<ProviderTask?> FindAsync(JobRecord job, DateTimeOffset submittedAt, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<ProviderTask> history = await context.Provider.ListTasksAsync(
                new ProviderTaskQuery(job.ModelId, submittedAt - TimeSpan.FromMinutes(5), context.Time.GetUtcNow() + TimeSpan.FromMinutes(5)), cancellationToken).ConfigureAwait(false);
            return history.FirstOrDefault(p => p.Input is not null && InputFingerprint.Compute(p.Model, p.Input) == job.InputFingerprint);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException)
        {
            context.Logger.LogWarning(ex, "Job {Job}: prediction history unavailable; will look again", job.Id);
            return null;
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// Submitting: the POST may have reached the provider but its answer was lost (or the process died mid-POST), so
/// the job is never sent again. Each run reads the provider's history once for a task with the same model and
/// input fingerprint, and proposes one that no other job holds and whose echoed webhook URL (when the provider echoes
/// it) names no other job (<see cref="ProviderWebhookUrl"/>); the store adopts it only when it can be this job's
/// (<see cref="IJobStore.TryAdoptAsync"/>). Nothing adoptable within <see cref="JobOptions.ReconcileWindow"/> of the
/// write-ahead, measured on the store's clock (<see cref="IJobStore.GetWriteAheadAsync"/>):
/// <see cref="JobState.NeedsDecision"/>, its hold kept, with the reason.
/// </summary>
internal sealed class SubmittingStep(IVideoProvider provider, IJobStore store, TimeProvider time, IOptions<JobOptions> options, VideoStudioMetrics metrics, ILogger<SubmittingStep> logger) : IJobStep
{
    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepContext step, CancellationToken cancellationToken)
    {
        JobRecord job = step.Job;
        TimeSpan window = options.Value.ReconcileWindow;
        DateTimeOffset now = time.GetUtcNow();

        // The window is measured on the store's clock (the write-ahead's stored time and the store's now), so a host
        // whose clock is off, or that took the job over from one whose clock was, neither gives up early nor late. A
        // store without the write-ahead's time falls back to the job's record, stamped by the host that wrote it.
        WriteAheadTime? writeAhead = await store.GetWriteAheadAsync(job.Id, cancellationToken).ConfigureAwait(false);
        DateTimeOffset submittedAt = writeAhead?.At ?? job.Transitions.LastOrDefault(t => t.State == JobState.Submitting)?.At ?? job.UpdatedAt;
        DateTimeOffset storeNow = writeAhead?.Now ?? now;
        bool lastLook = storeNow - submittedAt >= window;
        TimeSpan pause = TimeSpan.FromSeconds(Math.Clamp(window.TotalSeconds / 8, 0.2, 15));

        IReadOnlyList<ProviderTask> matches = await FindAsync(job, submittedAt, storeNow, cancellationToken).ConfigureAwait(false);
        foreach (ProviderTask match in matches)
        {
            if (match.Webhook is { } webhook && ProviderWebhookUrl.JobOf(webhook) is { } named && named != job.Id)
            {
                continue; // registered for another job (its webhook URL names it)
            }

            if (await store.FindByPredictionAsync(match.Id, cancellationToken).ConfigureAwait(false) is { } holder && holder.Id != job.Id)
            {
                continue; // another job's task
            }

            metrics.Reconciled(job.ModelId, adopted: true);
            var processing = job.MoveTo(JobState.Processing, now) with { PredictionId = match.Id, Deadline = now + step.Plan.Poll.Deadline, Error = null };
            return new Advance(processing, JobEventKind.Submitted, $"prediction {match.Id} (found in the provider's history)")
            {
                Adopts = Adoption.FromHistory,
                RunIn = ProviderErrors.IsTerminal(match.Status) ? TimeSpan.Zero : step.Plan.Poll.FirstCheck,
                IfRefused = lastLook ? GiveUp(job, matches.Count, now) : new Wait(now + pause, $"task {match.Id} could be another job's; looking again"),
            };
        }

        return lastLook ? GiveUp(job, matches.Count, now) : new Wait(now + pause, "reconciling against the provider's history");
    }

    private Advance GiveUp(JobRecord job, int matches, DateTimeOffset now)
    {
        metrics.Reconciled(job.ModelId, adopted: false);
        string minutes = $"{options.Value.ReconcileWindow.TotalMinutes:0.#} min";
        string found = matches == 0
            ? $"no matching task appeared in the provider's history within {minutes}, so it was probably not created"
            : $"the provider's history has {matches} task(s) with the same input, but each could be another job's (held by it, or that job's submission is unresolved too), so none was adopted";
        return QueuedStep.NeedsDecision(job,
            $"The submission's answer was lost and {found}. It was not sent again. Cancel it with 'videostudio jobs cancel {job.Id}' and submit again if you still want it.", now);
    }

    // The history's window around the write-ahead, on the store's clock; the margins cover the provider's own clock.
    private async Task<IReadOnlyList<ProviderTask>> FindAsync(JobRecord job, DateTimeOffset submittedAt, DateTimeOffset storeNow, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<ProviderTask> history = await provider.ListTasksAsync(
                new ProviderTaskQuery(job.ModelId, submittedAt - TimeSpan.FromMinutes(5), storeNow + TimeSpan.FromMinutes(5)), cancellationToken).ConfigureAwait(false);
            return [.. history.Where(p => p.Input is not null && InputFingerprint.Compute(p.Model, p.Input) == job.InputFingerprint)];
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException)
        {
            logger.LogWarning("Job {Job}: prediction history unavailable ({Reason}); will look again", job.Id, ex.Message);
            return [];
        }
    }
}

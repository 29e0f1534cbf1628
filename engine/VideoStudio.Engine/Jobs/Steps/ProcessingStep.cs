using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// Processing: one read of the provider's own result (a webhook only makes this run sooner). Completed: on to
/// Downloading, its outputs recorded with where each will be written; failed at the provider: failed with its stable code; still running: checked again when the poll plan
/// says, until the job's deadline.
/// </summary>
internal sealed class ProcessingStep(IVideoProvider provider, JobOutputs outputs, TimeProvider time, JobEventHub events, ILogger<ProcessingStep> logger) : IJobStep
{
    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepContext step, CancellationToken cancellationToken)
    {
        JobRecord job = step.Job;
        PollPolicy policy = step.Plan.Poll;
        DateTimeOffset started = job.Transitions.LastOrDefault(t => t.State == JobState.Processing)?.At ?? job.UpdatedAt;
        ProviderTask? task = null;
        try
        {
            task = await provider.GetResultAsync(job.PredictionId!, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.Kind is ProviderErrorKind.NotFound)
        {
            return StepResult.Fail(job, ProviderErrors.CodeOf(ex.Kind), ex.Message, 0m, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException or TimeoutException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Retries are exhausted inside the client; the task was accepted and runs (and is paid for) whatever
            // happens here, so it is simply checked again later, within the deadline.
            logger.LogWarning("Job {Job}: result check failed ({Reason}); checking again later", job.Id, ex.Message);
        }

        DateTimeOffset now = time.GetUtcNow();
        TimeSpan elapsed = now - started;
        switch (task?.Status)
        {
            case ProviderTaskStatus.Completed:
                policy.Completed(elapsed, policy.Next(elapsed));
                IReadOnlyList<JobOutput> pending = await outputs.PendingAsync(job, step.Plan.Model, task, cancellationToken).ConfigureAwait(false);
                return pending.Count == 0
                    ? StepResult.Fail(job, ErrorCodes.NoOutput, "The provider reports the task completed but returned no output.", job.EstimateUsd ?? 0m, now)
                    : new Advance(job.MoveTo(JobState.Downloading, now) with { Outputs = pending }, JobEventKind.Downloading, null) { Answer = task };
            case ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled or ProviderTaskStatus.TimedOut or ProviderTaskStatus.Deleted:
                // The adapter maps its own task code to a kind, which picks the stable code; the message keeps the provider's code.
                string taskCode = task.ErrorCode is string n ? $" (code {n})" : string.Empty;
                return StepResult.Fail(job, ProviderErrors.CodeOf(task.ErrorKind ?? ProviderErrorKind.ProviderFailure),
                    $"The provider reports the task {task.RawStatus}{taskCode}: {task.Error ?? "no reason given"}.", 0m, now);
        }

        if (job.Deadline is DateTimeOffset deadline && now > deadline)
        {
            return StepResult.Fail(job, ErrorCodes.DeadlineExceeded,
                $"No result within the deadline ({policy.Deadline.TotalMinutes:0.#} min). Prediction {job.PredictionId} may still finish and be billed at the provider; it is no longer checked.",
                job.EstimateUsd ?? 0m, now);
        }

        if (task is { Status: ProviderTaskStatus.Unknown })
        {
            logger.LogWarning("Job {Job}: unknown provider status '{Status}'; polling until the deadline", job.Id, task.RawStatus);
        }

        events.Publish(new JobEvent(job.Id, JobEventKind.Processing, JobState.Processing, now, task?.RawStatus,
            ElapsedSeconds: elapsed.TotalSeconds, ExpectedSeconds: policy.Expected.TotalSeconds));
        return new Wait(now + policy.Next(elapsed), task?.RawStatus ?? "result check failed");
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// Queued (then Uploading while local media are uploaded), run only once the executor's claim admitted the job within
/// the account's limits: uploads local media (free, retried by the uploader), writes the job as Submitting (the
/// write-ahead: a crash from here on leaves a record the submitting step reconciles), proves the lease, and POSTs once.
/// A lost or ambiguous answer leaves the job Submitting (reconciled, never re-sent); an answer that proves nothing was
/// created (429, 401/403, never connected) sends it back to the queue (keeping its admission) until
/// <see cref="JobOptions.SubmitRetryTimeout"/>.
/// </summary>
internal sealed class QueuedStep(IVideoProvider provider, TimeProvider time, IOptions<JobOptions> options, JobEventHub events, VideoStudioMetrics metrics) : IJobStep
{
    private const int MaxRefusals = 50;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepContext step, CancellationToken cancellationToken)
    {
        JobRecord job = step.Job;
        if (Redaction.WasRedacted(step.Input.Value))
        {
            return StepResult.Fail(job, ErrorCodes.CannotResume, "The job stopped before submission and its input held a signed URL, which is never stored; submit it again.", 0m, time.GetUtcNow());
        }

        int local = LocalMedia(step.Plan, step.Input.Value).Length;
        if (local > 0 && job.State == JobState.Queued)
        {
            return new Advance(job.MoveTo(JobState.Uploading, time.GetUtcNow()), JobEventKind.Uploading, $"{local} file(s)");
        }

        try
        {
            step.Input.Value = await UploadAsync(job, step.Plan, step.Input.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            // Final (the uploader already retried the transient failures), and nothing paid was sent.
            string code = ex.Kind == ProviderErrorKind.ProviderFailure ? ErrorCodes.UploadFailed : ProviderErrors.CodeOf(ex.Kind);
            return StepResult.Fail(job, code, ex.Message, 0m, time.GetUtcNow());
        }

        JobRecord submitting = await step.Fence.WriteAheadAsync(job.MoveTo(JobState.Submitting, time.GetUtcNow()) with
        {
            ProviderInput = Redaction.Input(step.Input.Value),
            InputFingerprint = InputFingerprint.Compute(step.Plan.Model.Id, step.Input.Value),
            SubmitAttempts = job.SubmitAttempts + 1,
        }, step.Stopping).ConfigureAwait(false);
        events.Publish(new JobEvent(job.Id, JobEventKind.Queued, JobState.Submitting, submitting.UpdatedAt, "submitting"));
        metrics.JobEntered(job.ModelId, JobState.Submitting);
        await step.Fence.ConfirmAsync(step.Stopping).ConfigureAwait(false);
        return await PostAsync(submitting, step, step.Input.Value).ConfigureAwait(false);
    }

    // From the write-ahead on, only the host stopping interrupts (a cancel interrupts the uploads only): a cancel waits
    // for the POST's answer, so the prediction id (or the refusal) is known when the cancel is written.
    private async Task<StepResult> PostAsync(JobRecord submitting, StepContext step, JsonObject input)
    {
        ProviderTask answer;
        try
        {
            Uri? webhook = options.Value.PublicWebhookUrl is { } url ? ProviderWebhookUrl.For(url, submitting.Id) : null;
            answer = await provider.SubmitAsync(step.Plan.Model.Id, input, webhook, step.Stopping).ConfigureAwait(false);
        }
        catch (SubmissionOutcomeUnknownException) when (step.Stopping.IsCancellationRequested)
        {
            throw new OperationCanceledException(step.Stopping); // stays Submitting: the next holder reconciles it
        }
        catch (SubmissionOutcomeUnknownException ex)
        {
            return new Wait(time.GetUtcNow(), $"submission outcome unknown ({ex.Message}); reconciling") { Stored = submitting };
        }
        catch (ProviderException ex)
        {
            return Refused(submitting, ex);
        }

        DateTimeOffset now = time.GetUtcNow();
        var processing = submitting.MoveTo(JobState.Processing, now) with { PredictionId = answer.Id, Deadline = now + step.Plan.Poll.Deadline, Error = null };
        string taken = $"The provider accepted the submission as prediction {answer.Id}, which another job already holds; nothing was sent again. Check the provider's dashboard, then cancel this job.";
        return new Advance(processing, JobEventKind.Submitted, $"prediction {answer.Id}")
        {
            Adopts = Adoption.OwnAnswer,
            RunIn = ProviderErrors.IsTerminal(answer.Status) ? TimeSpan.Zero : step.Plan.Poll.FirstCheck,
            IfRefused = NeedsDecision(submitting, taken, now),
        };
    }

    // Nothing was created, so nothing is charged: back to the queue after a pause while there is time, else failed.
    // A refusal of the input itself (invalid, moderated) fails at once: the same request would be refused again.
    private Advance Refused(JobRecord submitting, ProviderException refusal)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset retryUntil = submitting.CreatedAt + options.Value.SubmitRetryTimeout;
        TimeSpan pause = refusal.Kind == ProviderErrorKind.RateLimited
            ? TimeSpan.FromSeconds(Math.Clamp(60.0 / options.Value.SubmitsPerMinute, 1, 30) * (0.75 + (Random.Shared.NextDouble() * 0.5)))
            : ProviderErrors.Backoff(options.Value.SubmitRetryDelay, options.Value.SubmitRetryMaxDelay, submitting.SubmitAttempts - 1);
        bool final = refusal.Kind is ProviderErrorKind.InvalidRequest or ProviderErrorKind.Moderation;
        if (final || !refusal.NothingCreated || submitting.SubmitAttempts >= MaxRefusals || now + pause >= retryUntil)
        {
            return StepResult.Fail(submitting, ProviderErrors.CodeOf(refusal.Kind), refusal.Message, 0m, now);
        }

        string why = $"Not submitted yet: {refusal.Message} Nothing was created; submitting again in {pause.TotalSeconds:0} s (until {retryUntil:u}).";
        return new Advance(submitting.MoveTo(JobState.Queued, now) with { Error = new JobError(ProviderErrors.CodeOf(refusal.Kind), why) }, JobEventKind.Queued, why) { RunIn = pause };
    }

    /// <summary>Parks a job for a person to decide (its hold kept: a task may exist and be billed).</summary>
    public static Advance NeedsDecision(JobRecord job, string reason, DateTimeOffset at) =>
        new(job.MoveTo(JobState.NeedsDecision, at) with { Error = new JobError(ErrorCodes.OutcomeUnknown, reason) }, JobEventKind.NeedsDecision, reason);

    private async Task<JsonObject> UploadAsync(JobRecord job, JobPlan plan, JsonObject input, CancellationToken cancellationToken)
    {
        var providerInput = (JsonObject)input.DeepClone();
        foreach (var field in LocalMedia(plan, providerInput))
        {
            string path = MediaSource.LocalPath(providerInput[field.Name]!.GetValue<string>());
            long total = new FileInfo(path).Length;
            var progress = new Progress<long>(sent => events.Publish(new JobEvent(job.Id, JobEventKind.Uploading, JobState.Uploading, time.GetUtcNow(), field.Name, sent, total)));
            IVideoProvider target = await provider.ForModelAsync(plan.Model.Id, cancellationToken).ConfigureAwait(false); // the adapter that will run it
            providerInput[field.Name] = (await target.UploadAsync(path, progress, cancellationToken).ConfigureAwait(false)).ToString();
        }

        return providerInput;
    }

    // The media fields that still name a local file (uploaded ones name the provider's URL).
    private static InputField[] LocalMedia(JobPlan plan, JsonObject input) =>
        [.. plan.Model.Schema.Fields.Where(f => f.Media is not null && input[f.Name] is JsonValue v && v.TryGetValue(out string? s) && !MediaSource.IsRemote(s, out _))];
}

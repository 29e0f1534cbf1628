using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Takes a stored job from Queued to Processing: waits for a submission slot, uploads local media, writes the job
/// as Submitting (write-ahead), POSTs it once, and stores the prediction id the moment it is known. A lost or
/// ambiguous answer (timeout, reset, 5xx) goes to the reconciler, never back to the POST; an answer that proves
/// nothing was created (429, 401/403, never connected) is sent again later, until <see cref="JobOptions.SubmitRetryTimeout"/>.
/// </summary>
public sealed class JobRunner(JobContext context, SubmissionGate gate, PollScheduler scheduler, JobReconciler reconciler)
{
    /// <summary>Runs the submission path of <paramref name="job"/> (a Queued job whose original input is intact).</summary>
    public async Task RunAsync(JobRecord job, JobPlan plan, JsonObject originalInput, CancellationToken cancellationToken)
    {
        ModelDefinition model = plan.Model;
        IDisposable lease = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        bool handedOver = false;
        try
        {
            JsonObject providerInput;
            try
            {
                (job, providerInput) = await UploadMediaAsync(job, model, originalInput, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException ex)
            {
                // Uploads are free and the uploader already retried the transient failures: this one is final, and
                // nothing paid was sent.
                string code = ex.Kind == ProviderErrorKind.ProviderFailure ? ErrorCodes.UploadFailed : ErrorCodeOf(ex);
                JobRecord current = await context.Store.FindAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? job;
                await context.FailAsync(current, code, ex.Message, 0m, cancellationToken).ConfigureAwait(false);
                return;
            }

            string fingerprint = InputFingerprint.Compute(model.Id, providerInput);
            job = await context.Store.FindAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? job;
            if (job.State != JobState.Queued && job.State != JobState.Uploading)
            {
                return; // cancelled meanwhile
            }

            ProviderTask snapshot;
            int refusals = 0;
            DateTimeOffset retryUntil = job.CreatedAt + context.Options.SubmitRetryTimeout;
            while (true)
            {
                // The POST slot is taken before the write-ahead: a job is marked Submitting only while its POST is being sent.
                IDisposable posting = await gate.PostAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    // Write-ahead: once this is stored, a crash mid-POST leaves a record the reconciler will settle. It is
                    // also the account-wide slot: the store grants it only within the limits across every host.
                    job = await BeginSubmissionAsync(job, providerInput, fingerprint, cancellationToken).ConfigureAwait(false);
                    if (!context.Leases.IsHeld(job.Id))
                    {
                        return; // lost between the write-ahead and the POST: the new holder reconciles, nothing is sent from here
                    }

                    snapshot = await context.Provider.SubmitAsync(model.Id, providerInput, context.Options.PublicWebhookUrl, cancellationToken).ConfigureAwait(false);
                }
                catch (JobSupersededException ex)
                {
                    // Cancelled between the check above and the write-ahead: the store refused the change, nothing was sent.
                    context.Logger.LogInformation("Job {Job} is {State}; not submitted", job.Id, ex.Current.State);
                    return;
                }
                catch (SubmissionOutcomeUnknownException) when (cancellationToken.IsCancellationRequested)
                {
                    // The host is stopping mid-POST: the job stays Submitting, and the next start reconciles it.
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (SubmissionOutcomeUnknownException ex)
                {
                    posting.Dispose(); // reconciliation can take minutes: free the POST slot first
                    context.Logger.LogWarning("Job {Job}: submission outcome unknown ({Reason}); reconciling", job.Id, ex.Message);
                    handedOver = await reconciler.ReconcileAsync(job, plan, lease, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (ProviderException ex) when (ex.NothingCreated && refusals < MaxRefusals
                    && context.Time.GetUtcNow() + RefusalPause(ex, refusals) < retryUntil)
                {
                    // The answer proves nothing was created (429, 401/403, never connected): back to the queue, saying
                    // why, and the write-ahead is asked for again after a pause.
                    posting.Dispose();
                    TimeSpan pause = RefusalPause(ex, refusals++);
                    string why = $"Not submitted yet: {ex.Message} Nothing was created; submitting again in {pause.TotalSeconds:0} s (until {retryUntil:u}).";
                    job = await context.TransitionAsync(job, JobState.Queued, j => j with { Error = new JobError(ErrorCodeOf(ex), why) }, JobEventKind.Queued, why, cancellationToken).ConfigureAwait(false);
                    await Task.Delay(pause, context.Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (ProviderException ex)
                {
                    posting.Dispose();
                    await FailRefusedAsync(job, ex, cancellationToken).ConfigureAwait(false);
                    return;
                }
                finally
                {
                    posting.Dispose(); // idempotent; the POST has its answer (or failed) by now
                }

                break;
            }

            await scheduler.AdoptAsync(job, plan, snapshot.Id, lease, snapshot, cancellationToken).ConfigureAwait(false);
            handedOver = true;
        }
        finally
        {
            if (!handedOver)
            {
                lease.Dispose();
            }
        }
    }

    private const int MaxRefusals = 50;

    // A rate limit passes within one window's share of the account's submissions; a refused key or an unreachable
    // provider needs longer, so those back off exponentially. Jittered so hosts refused together do not retry together.
    private TimeSpan RefusalPause(ProviderException refusal, int refusals)
    {
        double seconds = refusal.Kind == ProviderErrorKind.RateLimited
            ? Math.Clamp(60.0 / context.Options.SubmitsPerMinute, 1, 30)
            : Math.Min(context.Options.SubmitRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(refusals, 20)), context.Options.SubmitRetryMaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.75 + (Random.Shared.NextDouble() * 0.5)));
    }

    // Asks the store for the write-ahead until the account's limits across all hosts allow it (this host's own
    // gate already queued it locally, so only the head of each host's queue asks).
    private async Task<JobRecord> BeginSubmissionAsync(JobRecord job, JsonObject providerInput, string fingerprint, CancellationToken cancellationToken)
    {
        TimeSpan wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            JobRecord next = job.MoveTo(JobState.Submitting, context.Time.GetUtcNow()) with
            {
                ProviderInput = Redaction.Input(providerInput),
                InputFingerprint = fingerprint,
                SubmitAttempts = job.SubmitAttempts + 1,
            };
            if (await context.TryBeginSubmissionAsync(next, cancellationToken).ConfigureAwait(false) is JobRecord stored)
            {
                return stored;
            }

            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)), context.Time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 2000));
        }
    }

    // The provider refused the submission, so nothing was created and nothing is charged. A cancel that landed while
    // the POST was in flight held the estimate until this answer; the answer now releases it.
    private async Task FailRefusedAsync(JobRecord job, ProviderException ex, CancellationToken cancellationToken)
    {
        try
        {
            await context.FailAsync(job, ErrorCodeOf(ex), ex.Message, 0m, cancellationToken).ConfigureAwait(false);
        }
        catch (JobSupersededException lost) when (lost.Current is { State: JobState.Cancelled, PredictionId: null })
        {
            string note = $"Cancelled while its submission was being sent; the provider refused the submission ({ex.Message}), so nothing was charged.";
            await context.WriteAsync(lost.Current with { FinalCostUsd = 0m, Error = new JobError(ErrorCodes.Cancelled, note) }, 0m, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(JobRecord Job, JsonObject ProviderInput)> UploadMediaAsync(JobRecord job, ModelDefinition model, JsonObject input, CancellationToken cancellationToken)
    {
        var providerInput = (JsonObject)input.DeepClone();
        var local = model.Schema.Fields
            .Where(f => f.Media is not null && providerInput[f.Name] is JsonValue v && v.TryGetValue(out string? s) && !MediaSource.IsRemote(s, out _))
            .ToArray();
        if (local.Length == 0)
        {
            return (job, providerInput);
        }

        job = await context.TransitionAsync(job, JobState.Uploading, null, JobEventKind.Uploading, $"{local.Length} file(s)", cancellationToken).ConfigureAwait(false);
        foreach (var field in local)
        {
            string path = MediaSource.LocalPath(providerInput[field.Name]!.GetValue<string>());
            long total = new FileInfo(path).Length;
            var progress = new Progress<long>(sent => context.Events.Publish(new JobEvent(job.Id, JobEventKind.Uploading, JobState.Uploading, context.Time.GetUtcNow(), field.Name, sent, total)));
            Uri url = await context.Provider.UploadAsync(path, progress, cancellationToken).ConfigureAwait(false);
            providerInput[field.Name] = url.ToString();
        }

        return (job, providerInput);
    }

    /// <summary>Maps a provider error to the job's stable error code.</summary>
    public static string ErrorCodeOf(ProviderException ex) => ErrorCodeOf(ex.Kind);

    /// <summary>Maps a kind of provider failure to the job's stable error code.</summary>
    public static string ErrorCodeOf(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.Authentication => ErrorCodes.ProviderAuth,
        ProviderErrorKind.InvalidRequest => ErrorCodes.ProviderRejectedInput,
        ProviderErrorKind.Moderation => ErrorCodes.Moderation,
        ProviderErrorKind.MediaUnreachable => ErrorCodes.MediaUnreachable,
        ProviderErrorKind.InsufficientBalance => ErrorCodes.InsufficientBalance,
        ProviderErrorKind.RateLimited => ErrorCodes.RateLimited,
        ProviderErrorKind.NotFound => ErrorCodes.PredictionNotFound,
        _ => ErrorCodes.ProviderFailure,
    };
}

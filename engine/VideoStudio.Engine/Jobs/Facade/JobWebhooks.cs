using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// Provider webhooks: verified (signature, timestamp window) with the configured secret, de-duplicated by
/// <c>webhook-id</c> across every host sharing the store, then the job is made due now at its holder, whose step reads
/// the outcome from the provider's own result endpoint, never from the body. Never logs the secret.
/// </summary>
internal sealed class JobWebhooks(JobContext context, JobExecutor executor)
{
    /// <summary>Verifies one delivery and wakes its job; <paramref name="jobId"/> is the job its URL names (<see cref="ProviderWebhookUrl"/>), if any.</summary>
    public async Task<WebhookOutcome> HandleAsync(IReadOnlyDictionary<string, string> headers, string rawBody, string? jobId, CancellationToken cancellationToken)
    {
        string? secret = context.Options.WebhookSecret;
        if (secret is null)
        {
            context.Logger.LogWarning("Webhook rejected: no webhook secret is configured (VideoStudio:Jobs:WebhookSecret)");
            return WebhookOutcome.Rejected;
        }

        if (context.Provider.GetService<IProviderWebhooks>() is not { } webhooks)
        {
            context.Logger.LogWarning("Webhook rejected: the provider '{Provider}' sends no webhooks", context.ProviderName);
            return WebhookOutcome.Rejected;
        }

        ProviderWebhook delivery = webhooks.ReadWebhook(headers, rawBody, secret);
        if (!delivery.IsValid)
        {
            context.Logger.LogWarning("Webhook rejected: {Reason}", delivery.RejectedBecause ?? "unreadable payload");
            return WebhookOutcome.Rejected;
        }

        // A delivery is only a hint to look now, so marking it received before acting loses nothing: were acting to
        // fail, polling still finds the outcome. A replay inside the signature's time window is dropped here.
        DateTimeOffset forgetBefore = context.Time.GetUtcNow() - (2 * delivery.ReplayWindow);
        if (!await context.Store.TryRecordWebhookAsync(delivery.DeliveryId!, forgetBefore, cancellationToken).ConfigureAwait(false))
        {
            context.Logger.LogInformation("Webhook {Id} was already received; ignored", delivery.DeliveryId);
            return WebhookOutcome.Duplicate;
        }

        JobRecord? job = await context.Store.FindByPredictionAsync(delivery.Task!.Id, cancellationToken).ConfigureAwait(false);
        if (job is not null && jobId is not null && job.Id != jobId)
        {
            // The task was registered for another job than the one holding it: act on neither, the operator must look.
            context.Logger.LogWarning("Webhook {Id} for prediction {Prediction} names job {Named}, but job {Holder} holds that prediction; refused",
                delivery.DeliveryId, delivery.Task.Id, jobId, job.Id);
            return WebhookOutcome.JobMismatch;
        }

        if (job is null)
        {
            // No job holds the task yet: the job it was registered for may still be reconciling a lost answer; it looks now.
            if (jobId is null || await context.Store.FindAsync(jobId, cancellationToken).ConfigureAwait(false) is not { State: JobState.Submitting } named)
            {
                return WebhookOutcome.UnknownPrediction;
            }

            job = named;
        }

        // Make the job due now: here, through the store at another host, or claimed here when nobody holds it.
        if (!job.IsTerminal && !executor.MakeDue(job.Id))
        {
            if (await context.Store.GetLeaseAsync(job.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                await context.Store.SignalAsync(job.Id, JobSignal.CheckNow, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await executor.ClaimAsync(1, job.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return WebhookOutcome.Accepted;
    }
}

using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Provider webhooks: verified (signature, timestamp window) with the configured secret, de-duplicated by
/// <c>webhook-id</c> across every host sharing the store, then the job's holder (on any host) reads the outcome
/// from the provider's own result endpoint, never from the body. Never logs the secret.
/// </summary>
internal sealed class JobWebhooks(JobContext context, PollScheduler scheduler, JobResumer resumer)
{
    /// <summary>Verifies and applies one delivery.</summary>
    public async Task<WebhookOutcome> HandleAsync(IReadOnlyDictionary<string, string> headers, string rawBody, CancellationToken cancellationToken)
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

        ProviderTask snapshot = delivery.Task!;
        string deliveryId = delivery.DeliveryId!;

        // A delivery is only a hint to look now, so marking it received before acting loses nothing: were acting to
        // fail, polling still finds the outcome. A replay inside the signature's time window is dropped here.
        DateTimeOffset forgetBefore = context.Time.GetUtcNow() - (2 * delivery.ReplayWindow);
        if (!await context.Store.TryRecordWebhookAsync(deliveryId, forgetBefore, cancellationToken).ConfigureAwait(false))
        {
            context.Logger.LogInformation("Webhook {Id} was already received; ignored", deliveryId);
            return WebhookOutcome.Duplicate;
        }

        if (await context.Store.FindByPredictionAsync(snapshot.Id, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return WebhookOutcome.UnknownPrediction;
        }

        // The delivery only says "look now": the outcome is read from the provider's result endpoint by whoever holds
        // the job. Held here: checked at once. Held by another host: signalled through the store. Held by nobody
        // (its host died): claimed here, then checked.
        if (!job.IsTerminal && !context.Leases.IsHeld(job.Id))
        {
            if (await context.Store.GetLeaseAsync(job.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                await context.Store.SignalAsync(job.Id, JobSignal.CheckNow, cancellationToken).ConfigureAwait(false);
                return WebhookOutcome.Accepted;
            }

            await resumer.ResumeAsync(1, cancellationToken, job.Id).ConfigureAwait(false);
        }

        try
        {
            await scheduler.CheckNowAsync(job.Id).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException or TimeoutException)
        {
            context.Logger.LogWarning("Job {Job}: result check after a webhook failed ({Reason}); polling picks it up", job.Id, ex.Message);
        }

        return WebhookOutcome.Accepted;
    }
}

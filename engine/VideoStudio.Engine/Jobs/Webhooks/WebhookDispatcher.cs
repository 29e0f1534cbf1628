using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// Delivers due outbox rows: claims them under a lease (one worker per delivery across every process sharing the
/// store), attempts each once, and writes back delivered, a retry time (<see cref="WebhookRetryPolicy"/>) or dead.
/// A process that dies mid-attempt leaves the lease to lapse and another worker sends the same event again with the
/// same <c>webhook-id</c> (at least once).
/// </summary>
internal sealed class WebhookDispatcher(IWebhookStore store, WebhookSender sender, WebhookRetryPolicy retries, JobWorker worker, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    /// <summary>One round: claims up to <see cref="WebhookOptions.Concurrency"/> due deliveries and attempts them all; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        WebhookOptions o = options.Value;
        // The claim outlives the slowest attempt, so a live worker never loses a delivery it is still sending.
        var terms = new LeaseTerms(worker.Id, (o.Timeout * 2) + TimeSpan.FromSeconds(10));
        IReadOnlyList<ClaimedDelivery> due = await store.ClaimDeliveriesAsync(terms, o.Concurrency, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken }, AttemptAsync).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Rounds every <see cref="WebhookOptions.PollInterval"/> (at once again after a full round) until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(cancellationToken).ConfigureAwait(false) >= options.Value.Concurrency)
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be briefly unreachable: the outbox keeps every event, the next round carries on.
                logger.LogWarning("Webhook deliveries: round failed ({Error}); retrying", ex.Message);
            }

            if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async ValueTask AttemptAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        WebhookSender.Outcome outcome = await sender.SendAsync(claimed, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset? next = outcome.Delivered || outcome.Final ? null : retries.NextAttempt(claimed.Delivery.Attempts + 1, claimed.RetryFrom, now);
        WebhookDeliveryState state = outcome.Delivered ? WebhookDeliveryState.Delivered : next is null ? WebhookDeliveryState.Dead : WebhookDeliveryState.Pending;
        var result = new WebhookAttemptResult(state, now, next, outcome.Status, outcome.Error);
        if (!await store.CompleteDeliveryAsync(claimed, result, CancellationToken.None).ConfigureAwait(false))
        {
            logger.LogInformation("Webhook {Id}: another worker took the delivery over; its outcome stands", claimed.Delivery.Id);
            return;
        }

        if (state == WebhookDeliveryState.Dead)
        {
            logger.LogWarning("Webhook {Id} ({Type} of job {Job}) is dead after {Attempts} attempts: {Error}", claimed.Delivery.Id, claimed.Delivery.EventType, claimed.Delivery.JobId, claimed.Delivery.Attempts + 1, outcome.Error);
        }
        else if (state == WebhookDeliveryState.Pending)
        {
            logger.LogInformation("Webhook {Id} ({Type} of job {Job}) failed ({Error}); next attempt at {Next:O}", claimed.Delivery.Id, claimed.Delivery.EventType, claimed.Delivery.JobId, outcome.Error, next);
        }
    }
}

using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Provider webhooks: verified (signature, timestamp window) with the configured secret, then handed to the poll
/// scheduler as a result, so the job completes at once. Never logs the secret.
/// </summary>
public sealed class JobWebhooks(JobContext context, WaveSpeedWebhookVerifier verifier, PollScheduler scheduler)
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

        WebhookVerificationResult result = verifier.Verify(Header(headers, "webhook-id"), Header(headers, "webhook-timestamp"), Header(headers, "webhook-signature"), rawBody, secret);
        if (!result.IsValid || WaveSpeedWebhookPayload.TryParse(rawBody) is not PredictionSnapshot snapshot)
        {
            context.Logger.LogWarning("Webhook rejected: {Reason}", result.IsValid ? "unreadable payload" : result.Reason);
            return WebhookOutcome.Rejected;
        }

        if (await context.Store.FindByPredictionAsync(snapshot.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            return WebhookOutcome.UnknownPrediction;
        }

        await scheduler.OnResultAsync(snapshot).ConfigureAwait(false);
        return WebhookOutcome.Accepted;
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

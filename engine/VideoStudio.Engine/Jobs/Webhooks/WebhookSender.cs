using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// One attempt of one delivery: signs it at send time (a fresh <c>webhook-timestamp</c>, the stable
/// <c>webhook-id</c>), posts it through the egress-guarded client (no redirects followed: a 3xx is a failure), and
/// says what came of it. Never throws for the receiver's faults; messages carry no URL query and no secret.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options)
{
    /// <summary>The named client deliveries go through.</summary>
    public const string HttpClientName = "videostudio.webhooks";

    /// <summary>What one attempt came to.</summary>
    /// <param name="Delivered">The receiver answered 2xx.</param>
    /// <param name="Status">Its status, if it answered.</param>
    /// <param name="Error">Why it failed.</param>
    /// <param name="Final">Retrying cannot help (no target, no secret, a refused address).</param>
    public sealed record Outcome(bool Delivered, int? Status, string? Error, bool Final);

    /// <summary>Attempts <paramref name="claimed"/> once.</summary>
    public async Task<Outcome> SendAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        if (claimed.Target is null)
        {
            return new Outcome(false, null, "The job has no webhook and its owner no endpoint any more.", true);
        }

        if (claimed.Secrets.Count == 0)
        {
            return new Outcome(false, null, "The owner's webhook secret was deleted; set an endpoint again and redeliver.", true);
        }

        TimeSpan timeout = options.Value.Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, claimed.Target) { Content = new StringContent(claimed.Payload, Encoding.UTF8, "application/json") };
        DateTimeOffset now = time.GetUtcNow();
        request.Headers.Add("webhook-id", claimed.Delivery.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(claimed.Delivery.Id, now, claimed.Payload, claimed.Secrets));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("VideoStudio-Webhooks", "1"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? new Outcome(true, status, null, false) : new Outcome(false, status, $"The receiver answered {status}.", false);
        }
        catch (HttpRequestException ex) when (EgressRefusedException.IsRefusal(ex))
        {
            return new Outcome(false, null, EgressRefusedException.Text, true);
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(false, null, $"The receiver could not be reached ({ex.HttpRequestError}).", false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, null, $"The receiver did not answer within {timeout.TotalSeconds:0.#} s.", false);
        }
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Tasks;

/// <summary>
/// Delivers a task's terminal state to its webhook exactly as WaveSpeed documents (§10): the task object without
/// envelope, headers <c>webhook-id</c>, <c>webhook-timestamp</c> (unix s) and <c>webhook-signature: v3,&lt;hex&gt;</c>
/// = HMAC-SHA256 over <c>"id.timestamp.body"</c> keyed by the secret minus <c>whsec_</c> as UTF-8. Loopback only;
/// one attempt (WaveSpeed's retry policy is UNCONFIRMED).
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClientFactory, SimulatorOptions options, WebhookSecret secret, SimulatorStats stats, ILogger<WebhookSender> logger) : IDisposable
{
    public const string HttpClientName = "videostudio-simulator-webhooks";

    private readonly List<Task> inFlight = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();

    public void Enqueue(SimulatedTask task)
    {
        Task delivery = DeliverAsync(task, stopping.Token);
        lock (gate)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(delivery);
        }
    }

    /// <summary>Signs a body the way WaveSpeed does; exposed so tests and receivers can check against it.</summary>
    public static string Sign(string secret, string webhookId, string timestamp, string body)
    {
        string key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}"));
        return "v3," + Convert.ToHexStringLower(mac);
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (gate)
        {
            pending = inFlight.ToArray();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public void Dispose() => stopping.Dispose();

    private async Task DeliverAsync(SimulatedTask task, CancellationToken cancellationToken)
    {
        await Task.Yield(); // never deliver on the timer thread
        Uri url = task.Webhook!;
        if (!url.IsLoopback)
        {
            logger.LogWarning("Webhook for task {Id} not sent: the simulator only calls loopback URLs", task.Id);
            return;
        }

        try
        {
            DateTimeOffset now = options.TimeProvider.GetUtcNow();
            string body = TaskJson.Render(task, now, includeInput: true).ToJsonString();
            string webhookId = "msg_" + task.Id;
            string timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("webhook-id", webhookId);
            request.Headers.Add("webhook-timestamp", timestamp);
            request.Headers.Add("webhook-signature", Sign(secret.Value, webhookId, timestamp, body));
            HttpClient client = httpClientFactory.CreateClient(HttpClientName);
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                stats.RecordWebhookDelivery();
            }
            else
            {
                logger.LogWarning("Webhook for task {Id} answered {Status}", task.Id, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Webhook for task {Id} failed: {Error}", task.Id, ex.Message);
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// <see cref="IVideoProvider"/> over the named clients of <see cref="WaveSpeedHttpClientNames"/>: submits go
/// through a client with no retry handler, reads through the resilient one. WaveSpeed has every optional capability:
/// live quotes, billed charges, a live catalogue and signed webhooks.
/// </summary>
public sealed class WaveSpeedClient : IVideoProvider, IProviderQuotes, IProviderCharges, IProviderCatalog, IProviderWebhooks
{
    /// <summary>Request flags of WaveSpeed's own that the adapter sets and that are not part of a model's input.</summary>
    internal static readonly string[] ControlFlags = ["enable_sync_mode", "enable_base64_output", "webhook_url"];

    private readonly IHttpClientFactory clients;
    private readonly WaveSpeedRequestFactory requests;
    private readonly TimeProvider time;
    private readonly ILogger<WaveSpeedClient> logger;
    private readonly WaveSpeedReader reader;
    private readonly WaveSpeedWebhookVerifier verifier;
    private readonly IOptionsMonitor<WaveSpeedOptions> options;
    private VideoProviderMetadata metadata;

    /// <summary>Creates the client; all collaborators come from DI (<see cref="WaveSpeedServiceCollectionExtensions.AddWaveSpeedTransport"/>).</summary>
    public WaveSpeedClient(IHttpClientFactory clients, IOptionsMonitor<WaveSpeedOptions> options, TimeProvider time, ILogger<WaveSpeedClient> logger)
    {
        this.clients = clients;
        this.time = time;
        this.logger = logger;
        requests = new WaveSpeedRequestFactory(options);
        reader = new WaveSpeedReader(clients, requests, logger);
        verifier = new WaveSpeedWebhookVerifier(time);
        this.options = options;
        metadata = new VideoProviderMetadata("wavespeed", Account(options.CurrentValue));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Read from the current options, not fixed when the client was built: a host builds its services before the
    /// embedded simulator has an address, and the account stored on each job must be the address its tasks went to.
    /// </remarks>
    public VideoProviderMetadata Metadata
    {
        get
        {
            string account = Account(options.CurrentValue);
            VideoProviderMetadata current = metadata;
            return current.Account == account ? current : metadata = current with { Account = account };
        }
    }

    private static string Account(WaveSpeedOptions options) => options.BaseUrl.ToString().TrimEnd('/');

    /// <inheritdoc />
    public ProviderWebhook ReadWebhook(IReadOnlyDictionary<string, string> headers, string rawBody, string secret)
    {
        string? id = Header(headers, "webhook-id");
        WebhookVerificationResult result = verifier.Verify(id, Header(headers, "webhook-timestamp"), Header(headers, "webhook-signature"), rawBody, secret);
        if (!result.IsValid)
        {
            return new ProviderWebhook(null, null, result.Reason, WaveSpeedWebhookVerifier.Tolerance);
        }

        return WaveSpeedWebhookPayload.TryParse(rawBody) is ProviderTask task
            ? new ProviderWebhook(id!.Trim(), task, null, WaveSpeedWebhookVerifier.Tolerance)
            : new ProviderWebhook(null, null, "unreadable payload", WaveSpeedWebhookVerifier.Tolerance);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public async Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        string path = $"api/v3/{ModelPath(modelId)}" + (webhook is null ? string.Empty : "?webhook=" + Uri.EscapeDataString(webhook.AbsoluteUri));
        var body = (JsonObject)input.DeepClone();
        body["enable_sync_mode"] = false;
        string what = $"submit to {modelId}";
        WaveSpeedOptions options = requests.Options;
        int retries = options.SubmitConnectRetries;
        for (int attempt = 0; ; attempt++)
        {
            using HttpRequestMessage request = requests.Create(HttpMethod.Post, path, WaveSpeedRequestFactory.Json(body));
            HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Submit);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (NetworkFailure.NeverReachedServer(ex))
            {
                if (attempt >= retries)
                {
                    throw new ProviderException(ProviderErrorKind.ProviderFailure,
                        $"Could not connect to WaveSpeed for {what} ({ex.HttpRequestError}, {attempt + 1} attempts). The request never reached the server: no task was created and it is safe to submit again.",
                        inner: ex, nothingCreated: true);
                }

                logger.LogWarning("Submit to {Model} never reached WaveSpeed ({Error}); re-sending (attempt {Attempt} of {Max})",
                    modelId, ex.HttpRequestError, attempt + 2, retries + 1);
                await Task.Delay(options.SubmitConnectRetryDelay, time, cancellationToken);
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                throw OutcomeUnknown(modelId, ex, cancellationToken);
            }

            using (response)
            {
                return await ReadSubmitResponseAsync(response, modelId, what, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        WaveSpeedEnvelope envelope = await reader.SendAsync(HttpMethod.Get, $"api/v3/predictions/{Uri.EscapeDataString(taskId)}/result", null, $"result of {taskId}", cancellationToken);
        return Observe(PredictionSnapshotReader.Read(envelope.Data)
            ?? throw new ProviderException(ProviderErrorKind.ProviderFailure, $"WaveSpeed's result for {taskId} has no task in data."));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken) =>
        reader.ListTasksAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
        new WaveSpeedUploader(clients, requests, time, logger).UploadAsync(localPath, bytesSent, cancellationToken);

    /// <inheritdoc />
    public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) =>
        new WaveSpeedDownloader(clients, requests.Options, time, logger).DownloadAsync(url, destinationPath, bytesReceived, cancellationToken);

    /// <inheritdoc />
    public Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken) =>
        reader.QuoteAsync(modelId, input, cancellationToken);

    /// <inheritdoc />
    public Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken) => reader.GetChargeAsync(taskId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken) => reader.GetModelsAsync(cancellationToken);

    private async Task<ProviderTask> ReadSubmitResponseAsync(HttpResponseMessage response, string modelId, string what, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw OutcomeUnknown(modelId, ex, cancellationToken);
        }

        // A server error after the POST arrived proves nothing either way: the backend (or the one behind a gateway
        // that gave up waiting) may have created the task before failing. Only the history can tell.
        if (status >= 500)
        {
            throw OutcomeUnknown(modelId, new HttpRequestException($"HTTP {status}", null, response.StatusCode), cancellationToken);
        }

        WaveSpeedEnvelope? envelope = WaveSpeedEnvelope.Parse(text);
        if (envelope?.Code == WaveSpeedTaskCodes.Timeout && response.IsSuccessStatusCode
            && PredictionSnapshotReader.Read(envelope.Data) is { Status: ProviderTaskStatus.Processing or ProviderTaskStatus.Created } running)
        {
            return Observe(running with { Error = null, ErrorCode = null }); // §9 sync timeout: still running.
        }

        if (WaveSpeedErrorClassifier.Classify(status, envelope, what) is ProviderException error)
        {
            throw error;
        }

        // Accepted, but no readable id: the task exists and only reconciliation can find it.
        return Observe(PredictionSnapshotReader.Read(envelope?.Data)
            ?? throw OutcomeUnknown(modelId, new FormatException("the answer has no data.id"), cancellationToken));
    }

    private SubmissionOutcomeUnknownException OutcomeUnknown(string modelId, Exception ex, CancellationToken cancellationToken)
    {
        string cause = cancellationToken.IsCancellationRequested ? "the submit was cancelled after sending"
            : ex is OperationCanceledException ? "no answer within the submit timeout"
            : $"{ex.GetType().Name}: {ex.Message}";
        logger.LogWarning("Outcome of submit to {Model} is unknown ({Cause}); it must be reconciled from prediction history", modelId, cause);
        return new SubmissionOutcomeUnknownException(
            $"The submit to {modelId} was sent but its answer was lost ({cause}). A paid task may exist on WaveSpeed; it will be reconciled from prediction history, not re-sent.",
            ex);
    }

    private ProviderTask Observe(ProviderTask snapshot)
    {
        if (snapshot.Status == ProviderTaskStatus.Unknown)
        {
            logger.LogWarning("WaveSpeed task {Id} reported an unknown status '{Status}'; treating it as still running", snapshot.Id, snapshot.RawStatus);
        }

        return snapshot;
    }

    // Model ids contain slashes (owner/model/variant); each segment is escaped and dot-segments are refused.
    private static string ModelPath(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        string[] segments = modelId.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new ArgumentException($"'{modelId}' is not a valid WaveSpeed model id.", nameof(modelId));
        }

        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Uploads local media (§12): the documented multipart flow, or the SDKs' ticket + pre-signed PUT. Uploads are
/// free (a repeated one only leaves a spare copy at the provider), so a transient failure — no answer, 408, 429 or
/// 5xx — is tried again with backoff, up to <see cref="WaveSpeedOptions.UploadMaxAttempts"/>.
/// </summary>
internal sealed class WaveSpeedUploader(IHttpClientFactory clients, WaveSpeedRequestFactory requests, TimeProvider time, ILogger logger)
{
    public async Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken)
    {
        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Cannot upload '{file.Name}': the file does not exist.", localPath);
        }

        int attempts = requests.Options.UploadMaxAttempts;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return requests.Options.UploadMode == WaveSpeedUploadMode.TwoStep
                    ? await UploadTwoStepAsync(file, bytesSent, cancellationToken)
                    : await UploadBinaryAsync(file, bytesSent, cancellationToken);
            }
            catch (ProviderException ex) when (IsTransient(ex) && attempt < attempts)
            {
                TimeSpan pause = requests.Options.UploadRetryDelay * Math.Pow(2, attempt - 1);
                logger.LogWarning("Upload of {File} failed ({Reason}); trying again in {Pause} (attempt {Attempt} of {Max})", file.Name, ex.Message, pause, attempt + 1, attempts);
                await Task.Delay(pause, time, cancellationToken);
            }
        }
    }

    // No answer (a transport failure), or an answer that says "later". An answer we cannot use is not retried.
    private static bool IsTransient(ProviderException ex) =>
        ex.HttpStatus is 408 or 429 or >= 500 || (ex.HttpStatus is null && ex.InnerException is HttpRequestException or IOException or OperationCanceledException);

    private async Task<Uri> UploadBinaryAsync(FileInfo file, IProgress<long>? bytesSent, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var part = new ProgressFileContent(file.FullName, bytesSent);
        part.Headers.ContentType = new MediaTypeHeaderValue(MediaFormats.ByExtension(file.Name)?.ContentType ?? "application/octet-stream");
        form.Add(part, "file", file.Name);
        using HttpRequestMessage request = requests.Create(HttpMethod.Post, "api/v3/media/upload/binary", form);
        WaveSpeedEnvelope envelope = await SendAsync(request, $"upload of {file.Name}", cancellationToken);
        return DownloadUrl(envelope, file.Name);
    }

    private async Task<Uri> UploadTwoStepAsync(FileInfo file, IProgress<long>? bytesSent, CancellationToken cancellationToken)
    {
        var ticketBody = new JsonObject { ["filename"] = file.Name, ["size"] = file.Length };
        if (MediaFormats.ByExtension(file.Name)?.ContentType is string contentType)
        {
            ticketBody["content_type"] = contentType;
        }

        using HttpRequestMessage ticketRequest = requests.Create(HttpMethod.Post, "api/v3/media/uploads", WaveSpeedRequestFactory.Json(ticketBody));
        WaveSpeedEnvelope ticket = await SendAsync(ticketRequest, $"upload ticket for {file.Name}", cancellationToken);
        Uri downloadUrl = DownloadUrl(ticket, file.Name);
        JsonObject? upload = (ticket.Data as JsonObject)?["upload"] as JsonObject;
        string? method = JsonRead.String(upload?["method"]);
        if (!Uri.TryCreate(JsonRead.String(upload?["url"]), UriKind.Absolute, out Uri? putUrl) || !string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure,
                $"WaveSpeed's upload ticket for {file.Name} has no PUT upload URL (method '{method}'); use the Binary upload mode.");
        }

        await PutAsync(putUrl, upload?["headers"] as JsonObject, file, bytesSent, cancellationToken);
        return downloadUrl;
    }

    // The pre-signed PUT goes to storage, not the API: exactly the ticket's headers, never our Authorization.
    private async Task PutAsync(Uri putUrl, JsonObject? headers, FileInfo file, IProgress<long>? bytesSent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, putUrl) { Content = new ProgressFileContent(file.FullName, bytesSent) };
        foreach ((string name, JsonNode? value) in headers ?? [])
        {
            string text = JsonRead.String(value) ?? string.Empty;
            if (!request.Headers.TryAddWithoutValidation(name, text))
            {
                request.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Transfer);
        http.Timeout = requests.Options.UploadTimeout;
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderException(ProviderErrorKind.ProviderFailure,
                    $"Uploading {file.Name} to {UrlRedactor.Redact(putUrl)} failed: HTTP {(int)response.StatusCode}.", (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure,
                $"Uploading {file.Name} to {UrlRedactor.Redact(putUrl)} failed: {ex.GetType().Name}.", inner: ex);
        }

        logger.LogDebug("Uploaded {File} ({Bytes} bytes) via pre-signed PUT to {Url}", file.Name, file.Length, UrlRedactor.Redact(putUrl));
    }

    private async Task<WaveSpeedEnvelope> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Upload);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            return await WaveSpeedResponseReader.ReadAsync(response, what, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure, $"WaveSpeed {what} failed: {ex.GetType().Name}; try again.", inner: ex);
        }
    }

    private static Uri DownloadUrl(WaveSpeedEnvelope envelope, string fileName) =>
        Uri.TryCreate(JsonRead.String((envelope.Data as JsonObject)?["download_url"]), UriKind.Absolute, out Uri? url)
            ? url
            : throw new ProviderException(ProviderErrorKind.ProviderFailure, $"WaveSpeed's upload answer for {fileName} has no data.download_url.");

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

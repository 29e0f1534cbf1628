using System.Buffers;
using System.Net;
using Microsoft.Extensions.Logging;

using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Streams an output to <c>&lt;dest&gt;.part</c>, resumes a broken transfer with <c>Range</c>, checks the size and
/// content type, then renames atomically. Output URLs may be signed: only redacted URLs reach logs and messages.
/// </summary>
internal sealed class WaveSpeedDownloader(IHttpClientFactory clients, WaveSpeedOptions options, TimeProvider time, ILogger logger)
{
    private const int ChunkSize = 81920;

    public async Task<long> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
    {
        string partPath = destinationPath + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        File.Delete(partPath); // A leftover from an earlier run may belong to another URL: start clean.
        string shown = UrlRedactor.Redact(url);
        long? total = null;
        int attempts = Math.Max(1, options.DownloadMaxAttempts);
        for (int attempt = 1; ; attempt++)
        {
            long written = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
            try
            {
                total = await DownloadAttemptAsync(url, partPath, written, total, bytesReceived, cancellationToken);
                break;
            }
            catch (Exception ex) when (IsBrokenTransfer(ex, cancellationToken) && attempt < attempts)
            {
                logger.LogWarning("Download of {Url} broke after {Bytes} bytes ({Error}); resuming (attempt {Attempt} of {Max})",
                    shown, File.Exists(partPath) ? new FileInfo(partPath).Length : 0, ex.GetType().Name, attempt + 1, attempts);
                await Task.Delay(options.DownloadRetryDelay, time, cancellationToken);
            }
            catch (Exception ex) when (IsBrokenTransfer(ex, cancellationToken))
            {
                throw new WaveSpeedException(WaveSpeedErrorKind.ProviderFailure,
                    $"Downloading {shown} failed after {attempts} attempts: {ex.GetType().Name}.", inner: ex);
            }
        }

        File.Move(partPath, destinationPath, overwrite: true);
        return total!.Value;
    }

    /// <summary>One GET (ranged when resuming) appended to the part file; returns the verified total length.</summary>
    private async Task<long> DownloadAttemptAsync(Uri url, string partPath, long written, long? knownTotal, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (written > 0)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(written, null);
        }

        HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Transfer);
        http.Timeout = options.DownloadAttemptTimeout;
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && knownTotal == written)
        {
            return written; // Everything arrived; only the end of the last response was lost.
        }

        ThrowOnErrorStatus(response, url);
        CheckContentType(response, url);
        long? total;
        if (response.StatusCode == HttpStatusCode.PartialContent && written > 0)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != written)
            {
                throw new WaveSpeedException(WaveSpeedErrorKind.ProviderFailure, $"Resuming {UrlRedactor.Redact(url)} returned range starting at {range?.From}, expected {written}.");
            }

            total = range.Length;
        }
        else
        {
            written = 0; // The server ignored Range: the full body follows, so start over.
            total = response.Content.Headers.ContentLength;
        }

        if (knownTotal is long expected && total is long announced && expected != announced)
        {
            throw new WaveSpeedException(WaveSpeedErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} changed size while resuming ({expected} → {announced} bytes).");
        }

        total ??= knownTotal;
        long received = await AppendAsync(response, partPath, written, progress, cancellationToken);
        if (total is long length && received != length)
        {
            // Short: the connection ended early without an error; resume. Long: the server is lying; give up.
            throw received < length
                ? new IOException($"Body ended at {received} of {length} bytes.")
                : new WaveSpeedException(WaveSpeedErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} sent {received} bytes, more than the announced {length}.");
        }

        return total ?? received;
    }

    private static async Task<long> AppendAsync(HttpResponseMessage response, string partPath, long offset, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(partPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, ChunkSize, useAsync: true);
        file.SetLength(offset);
        file.Seek(offset, SeekOrigin.Begin);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long position = offset;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                position += read;
                progress?.Report(position);
            }
        }
        finally
        {
            await file.FlushAsync(CancellationToken.None);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return position;
    }

    private static void ThrowOnErrorStatus(HttpResponseMessage response, Uri url)
    {
        int status = (int)response.StatusCode;
        if (status is 408 or 429 or >= 500)
        {
            throw new HttpRequestException($"HTTP {status}", null, response.StatusCode); // Transient: the retry loop resumes.
        }

        if (!response.IsSuccessStatusCode)
        {
            WaveSpeedErrorKind kind = status is 403 or 404 or 410 ? WaveSpeedErrorKind.NotFound : WaveSpeedErrorKind.ProviderFailure;
            throw new WaveSpeedException(kind, $"Downloading {UrlRedactor.Redact(url)} failed: HTTP {status} (outputs expire after 7 days).", status);
        }
    }

    // A missing type is octet-stream by RFC 9110 §8.3; an HTML/JSON error page served with 200 must not become a "video".
    private static void CheckContentType(HttpResponseMessage response, Uri url)
    {
        string? type = response.Content.Headers.ContentType?.MediaType;
        if (type is not null && !type.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            && !type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new WaveSpeedException(WaveSpeedErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} is '{type}', not a video.", (int)response.StatusCode);
        }
    }

    private static bool IsBrokenTransfer(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

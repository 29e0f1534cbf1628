using System.Buffers;
using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Streams an output to <c>&lt;dest&gt;.part</c>, hashing it as it arrives, resumes a broken transfer with
/// <c>Range</c> (the hash continues where the bytes do), checks size, content type (a video, image or audio file of
/// any format: what a model returns is its declaration's business, not the transport's) and the byte and time limits,
/// then renames atomically. A failed write to the local disk is a <see cref="LocalStorageException"/>, not a broken
/// transfer. Output URLs may be signed: only redacted URLs reach logs and messages.
/// </summary>
internal sealed class WaveSpeedDownloader(IHttpClientFactory clients, WaveSpeedOptions options, TimeProvider time, ILogger logger)
{
    // Two of these are in use at once: at 1 MiB the chunk being hashed had left the core's cache (the kernel wrote it
    // from the other core), and the engine spent up to 4.5 s of CPU per GiB instead of 1.6 s.
    private const int ChunkSize = 256 * 1024;

    public async Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
    {
        string partPath = destinationPath + ".part";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
            File.Delete(partPath); // A leftover from an earlier run may belong to another URL: start clean.
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(partPath, ex);
        }

        using var deadline = new CancellationTokenSource(options.DownloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var transfer = new DownloadTransfer(partPath);
        string shown = UrlRedactor.Redact(url);
        int attempts = options.DownloadMaxAttempts;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await DownloadAttemptAsync(url, transfer, bytesReceived, linked.Token);
                    break;
                }
                catch (Exception ex) when (IsBrokenTransfer(ex, linked.Token) && attempt < attempts)
                {
                    logger.LogWarning("Download of {Url} broke after {Bytes} bytes ({Error}); resuming (attempt {Attempt} of {Max})",
                        shown, transfer.Written, ex.GetType().Name, attempt + 1, attempts);
                    await Task.Delay(options.DownloadRetryDelay, time, linked.Token);
                }
                catch (Exception ex) when (IsBrokenTransfer(ex, linked.Token))
                {
                    throw new ProviderException(ProviderErrorKind.ProviderFailure,
                        $"Downloading {shown} failed after {attempts} attempts: {ex.GetType().Name}.", inner: ex);
                }
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure,
                $"Downloading {shown} took longer than {options.DownloadTimeout} (VideoStudio:WaveSpeed:DownloadTimeout) and was given up after {transfer.Written} bytes.", inner: ex);
        }

        try
        {
            File.Move(partPath, destinationPath, overwrite: true);
        }
        catch (IOException ex)
        {
            throw new LocalStorageException(destinationPath, ex);
        }

        return new DownloadedFile(transfer.Written, transfer.Sha256(), transfer.ContentType);
    }

    /// <summary>One GET (ranged when resuming) appended to the part file and the running hash.</summary>
    private async Task DownloadAttemptAsync(Uri url, DownloadTransfer transfer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        transfer.CheckPartFile();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (transfer.Written > 0)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(transfer.Written, null);
        }

        HttpClient http = clients.CreateClient(WaveSpeedHttpClientNames.Transfer);
        http.Timeout = options.DownloadAttemptTimeout;
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && transfer.Total == transfer.Written)
        {
            return; // Everything arrived; only the end of the last response was lost.
        }

        ThrowOnErrorStatus(response, url);
        transfer.ContentType = CheckContentType(response, url) ?? transfer.ContentType;
        long? total;
        if (response.StatusCode == HttpStatusCode.PartialContent && transfer.Written > 0)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != transfer.Written)
            {
                throw new ProviderException(ProviderErrorKind.ProviderFailure, $"Resuming {UrlRedactor.Redact(url)} returned range starting at {range?.From}, expected {transfer.Written}.");
            }

            total = range.Length;
        }
        else
        {
            transfer.Restart(); // The server ignored Range: the full body follows, so start over.
            total = response.Content.Headers.ContentLength;
        }

        if (transfer.Total is long expected && total is long announced && expected != announced)
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} changed size while resuming ({expected} → {announced} bytes).");
        }

        transfer.Total = total ?? transfer.Total;
        if (transfer.Total > options.MaxDownloadBytes)
        {
            throw TooLarge(url, $"is {transfer.Total} bytes");
        }

        await AppendAsync(response, url, transfer, progress, cancellationToken);
        if (transfer.Total is long length && transfer.Written != length)
        {
            // Short: the connection ended early without an error; resume. Long: the server is lying; give up.
            throw transfer.Written < length
                ? new IOException($"Body ended at {transfer.Written} of {length} bytes.")
                : new ProviderException(ProviderErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} sent {transfer.Written} bytes, more than the announced {length}.");
        }
    }

    // Reading the socket overlaps writing and hashing the chunk before it (side by side themselves: DownloadTransfer),
    // over two buffers. Done one after another, read, write and hash ran at about 55-65 % of curl's speed on loopback.
    private async Task AppendAsync(HttpResponseMessage response, Uri url, DownloadTransfer transfer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using FileStream file = transfer.OpenForAppend();
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize)];
        Task writing = Task.CompletedTask;
        long queued = transfer.Written;
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            for (int next = 0; ; next ^= 1)
            {
                int read = await body.ReadAsync(buffers[next].AsMemory(0, ChunkSize), cancellationToken);
                await writing;
                progress?.Report(transfer.Written);
                if (read == 0)
                {
                    break;
                }

                if (queued + read > options.MaxDownloadBytes)
                {
                    throw TooLarge(url, "streamed more bytes than that");
                }

                queued += read;
                ReadOnlyMemory<byte> chunk = buffers[next].AsMemory(0, read);
                writing = transfer.AppendAsync(file, chunk, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            readFailure = ExceptionDispatchInfo.Capture(ex);
        }

        // The chunk in flight ends before its buffer goes back to the pool and the file is closed; a local disk
        // failure wins over a broken read, since resuming cannot help it.
        await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ArrayPool<byte>.Shared.Return(buffers[0]);
        ArrayPool<byte>.Shared.Return(buffers[1]);
        if (writing.Exception?.InnerException is Exception writeFailure)
        {
            ExceptionDispatchInfo.Throw(writeFailure);
        }

        readFailure?.Throw();
    }

    private ProviderException TooLarge(Uri url, string what) =>
        new(ProviderErrorKind.ProviderFailure,
            $"{UrlRedactor.Redact(url)} {what}; the limit is {options.MaxDownloadBytes} bytes (VideoStudio:WaveSpeed:MaxDownloadBytes). Nothing more was written.");

    private static void ThrowOnErrorStatus(HttpResponseMessage response, Uri url)
    {
        int status = (int)response.StatusCode;
        if (status is 408 or 429 or >= 500)
        {
            throw new HttpRequestException($"HTTP {status}", null, response.StatusCode); // Transient: the retry loop resumes.
        }

        if (!response.IsSuccessStatusCode)
        {
            ProviderErrorKind kind = status is 403 or 404 or 410 ? ProviderErrorKind.NotFound : ProviderErrorKind.ProviderFailure;
            throw new ProviderException(kind, $"Downloading {UrlRedactor.Redact(url)} failed: HTTP {status} (outputs expire after 7 days).", status);
        }
    }

    // A missing type is octet-stream by RFC 9110 §8.3 (null: the file says nothing about itself); an HTML/JSON error
    // page served with 200 must not become an output.
    private static string? CheckContentType(HttpResponseMessage response, Uri url)
    {
        string? type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (MediaFormats.KindOf(type) is null)
        {
            throw new ProviderException(ProviderErrorKind.ProviderFailure, $"{UrlRedactor.Redact(url)} is '{type}', not a video, image or audio file.", (int)response.StatusCode);
        }

        return type.ToLowerInvariant();
    }

    // A local write failure is not the network's: resuming would only fail again on the same disk.
    private static bool IsBrokenTransfer(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is IOException and not LocalStorageException)
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

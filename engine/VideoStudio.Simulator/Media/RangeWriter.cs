using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace VideoStudio.Simulator.Media;

/// <summary>
/// Serves a file with single-range support (206 + Content-Range, 416 when unsatisfiable) and can break the
/// transfer after K bytes on purpose, leaving the headers promising the full length, like a dropped CDN download,
/// or throttle it (a slow CDN), which holds a download open long enough for a client to die in the middle of it.
/// </summary>
internal static class RangeWriter
{
    public static async Task WriteAsync(HttpContext context, Stream source, string contentType, long? breakAfterBytes, long? bytesPerSecond, TimeProvider time)
    {
        long length = source.Length;
        HttpResponse response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = contentType;
        long from = 0;
        long to = length - 1;
        RangeHeaderValue? range = context.Request.GetTypedHeaders().Range;
        if (range is not null)
        {
            if (range.Ranges.Count != 1 || !TryResolve(range.Ranges.First(), length, out from, out to))
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{length}";
                return;
            }

            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{length}");
        }

        long count = to - from + 1;
        response.ContentLength = count;
        source.Position = from;
        long toSend = breakAfterBytes is long k ? Math.Min(k, count) : count;
        // Throttled: chunks of a tenth of the rate, one every 100 ms, each flushed so the client sees steady progress.
        int chunk = bytesPerSecond is long rate ? (int)Math.Clamp(rate / 10, 1, 16 * 1024) : 16 * 1024;
        var buffer = new byte[chunk];
        while (toSend > 0)
        {
            int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toSend)), context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            toSend -= read;
            if (bytesPerSecond is not null && toSend > 0)
            {
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, context.RequestAborted).ConfigureAwait(false);
            }
        }

        // A short body under a full Content-Length: Kestrel sends what was written, then closes the connection
        // (an application error it logs), so the client sees a premature end after exactly K bytes and can
        // resume with Range. A bare Abort() would reset the socket, and unread bytes could be lost or the
        // request silently retried.
    }

    private static bool TryResolve(RangeItemHeaderValue item, long length, out long from, out long to)
    {
        (from, to) = (item.From, item.To) switch
        {
            (long f, long t) => (f, Math.Min(t, length - 1)),
            (long f, null) => (f, length - 1),
            (null, long suffix) => (Math.Max(0, length - suffix), length - 1),
            _ => (0, -1),
        };
        return length > 0 && from <= to && from < length;
    }
}

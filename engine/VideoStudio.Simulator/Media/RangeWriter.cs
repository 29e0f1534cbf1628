using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace VideoStudio.Simulator.Media;

/// <summary>
/// Serves a file with single-range support (206 + Content-Range, 416 when unsatisfiable) and can break the
/// transfer after K bytes on purpose, leaving the headers promising the full length, like a dropped CDN download.
/// </summary>
internal static class RangeWriter
{
    public static async Task WriteAsync(HttpContext context, Stream source, string contentType, long? breakAfterBytes)
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
        var buffer = new byte[16 * 1024];
        while (toSend > 0)
        {
            int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toSend)), context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            toSend -= read;
        }

        if (breakAfterBytes is not null && breakAfterBytes < count)
        {
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await BreakAsync(context).ConfigureAwait(false);
        }
    }

    // A bare Abort() resets the connection and the client's kernel may discard bytes it has not read yet, so the
    // client could never resume from them. Send FIN first (the client reads the partial body, then a premature
    // end), give it a moment to close its side, then abort. The grace is network time, so it uses the system clock.
    private static async Task BreakAsync(HttpContext context)
    {
        context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        grace.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the client closed, or the grace ran out
        }

        context.Abort();
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

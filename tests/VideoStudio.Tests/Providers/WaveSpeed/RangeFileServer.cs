using Microsoft.AspNetCore.Http;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>Serves a byte array like a CDN: honours <c>Range: bytes=N-</c> and can cut the first response after K bytes.</summary>
internal sealed class RangeFileServer(byte[] content, string contentType = "video/mp4")
{
    private int responses;

    public int CutFirstResponseAfter { get; init; } = -1;

    public bool IgnoreRange { get; init; }

    public List<string> RangesSeen { get; } = [];

    public async Task HandleAsync(HttpContext context)
    {
        string range = context.Request.Headers.Range.ToString();
        lock (RangesSeen)
        {
            RangesSeen.Add(range);
        }

        long from = 0;
        if (!IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{content.Length - 1}/{content.Length}";
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length - from;
        bool cut = Interlocked.Increment(ref responses) == 1 && CutFirstResponseAfter >= 0;
        int length = cut ? CutFirstResponseAfter : content.Length - (int)from;
        await context.Response.Body.WriteAsync(content.AsMemory((int)from, length));
        if (cut)
        {
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }
}

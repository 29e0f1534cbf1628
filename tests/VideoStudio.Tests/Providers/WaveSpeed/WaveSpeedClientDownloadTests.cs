using System.Security.Cryptography;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedClientDownloadTests
{
    private const int Size = 1_000_000;

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_BodyCutAfterKBytes_ResumesWithRangeAndFileMatches()
    {
        byte[] content = RandomNumberGenerator.GetBytes(Size);
        var cdn = new RangeFileServer(content) { CutFirstResponseAfter = 300_000 };
        await using var server = await LoopbackServer.StartAsync(cdn.HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "out", "video.mp4");
        var progress = new LastValueProgress();

        long written = await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/video.mp4?X-Amz-Signature=s3cr3t"), destination, progress, TestContext.Current.CancellationToken);

        written.ShouldBe(Size);
        TempFiles.Sha256(destination).ShouldBe(TempFiles.Sha256(content));
        File.Exists(destination + ".part").ShouldBeFalse();
        cdn.RangesSeen.Count.ShouldBe(2);
        cdn.RangesSeen[0].ShouldBeEmpty();
        long resumedAt = long.Parse(cdn.RangesSeen[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        resumedAt.ShouldBeGreaterThan(0);
        resumedAt.ShouldBeLessThanOrEqualTo(300_000);
        progress.Last.ShouldBe(Size);
        test.Logs.AllText.ShouldNotContain("s3cr3t");
    }

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_ServerIgnoresRange_StartsOverAndFileMatches()
    {
        byte[] content = RandomNumberGenerator.GetBytes(Size);
        var cdn = new RangeFileServer(content) { CutFirstResponseAfter = 200_000, IgnoreRange = true };
        await using var server = await LoopbackServer.StartAsync(cdn.HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "video.mp4");

        (await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/video.mp4"), destination, null, TestContext.Current.CancellationToken)).ShouldBe(Size);

        TempFiles.Sha256(destination).ShouldBe(TempFiles.Sha256(content));
    }

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_ExistingDestination_ReplacedAtomically()
    {
        byte[] content = RandomNumberGenerator.GetBytes(1000);
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer(content, "application/octet-stream").HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = files.Create("video.mp4", 5);

        await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/video.mp4"), destination, null, TestContext.Current.CancellationToken);

        File.ReadAllBytes(destination).ShouldBe(content);
    }

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_HtmlInsteadOfVideo_RejectedWithoutFile()
    {
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer("<html>login</html>"u8.ToArray(), "text/html").HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "video.mp4");

        var error = await Should.ThrowAsync<WaveSpeedException>(() => test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4?token=abc"), destination, null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("text/html");
        error.Message.ShouldNotContain("token=abc");
        File.Exists(destination).ShouldBeFalse();
    }

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_ExpiredSignedUrl_NotFoundWithoutQuery()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();

        var error = await Should.ThrowAsync<WaveSpeedException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4?X-Amz-Signature=s3cr3t"), Path.Combine(files.Directory, "v.mp4"), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(WaveSpeedErrorKind.NotFound);
        error.ToString().ShouldNotContain("s3cr3t");
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 10_000)]
    public async Task DownloadAsync_AlwaysCut_FailsAfterBoundedAttempts()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync(new byte[10]);
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.DownloadMaxAttempts = 3);
        using var files = new TempFiles();

        var error = await Should.ThrowAsync<WaveSpeedException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4"), Path.Combine(files.Directory, "v.mp4"), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("3 attempts");
        server.RequestCount.ShouldBe(3);
    }
}

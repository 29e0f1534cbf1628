using System.Security.Cryptography;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.TestSupport;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedClientDownloadTests
{
    private const int Size = 1_000_000;

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_BodyCutAfterKBytes_ResumesWithRangeAndFileMatches()
    {
        byte[] content = RandomNumberGenerator.GetBytes(Size);
        var cdn = new RangeFileServer(content) { CutFirstResponseAfter = 300_000 };
        await using var server = await LoopbackServer.StartAsync(cdn.HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "out", "video.mp4");
        var progress = new LastValueProgress();

        DownloadedFile file = await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/video.mp4?X-Amz-Signature=s3cr3t"), destination, progress, TestContext.Current.CancellationToken);

        file.SizeBytes.ShouldBe(Size);
        TempFiles.Sha256(destination).ShouldBe(TempFiles.Sha256(content));
        file.Sha256.ShouldBe(TempFiles.Sha256(content), StringCompareShould.IgnoreCase); // hashed while streaming, across the resume
        File.Exists(destination + ".part").ShouldBeFalse();
        cdn.RangesSeen.Count.ShouldBe(2);
        cdn.RangesSeen[0].ShouldBeEmpty();
        long resumedAt = long.Parse(cdn.RangesSeen[1]["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        resumedAt.ShouldBeGreaterThan(0);
        resumedAt.ShouldBeLessThanOrEqualTo(300_000);
        progress.Last.ShouldBe(Size);
        test.Logs.AllText.ShouldNotContain("s3cr3t");
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_ServerIgnoresRange_StartsOverAndFileMatches()
    {
        byte[] content = RandomNumberGenerator.GetBytes(Size);
        var cdn = new RangeFileServer(content) { CutFirstResponseAfter = 200_000, IgnoreRange = true };
        await using var server = await LoopbackServer.StartAsync(cdn.HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "video.mp4");

        DownloadedFile file = await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/video.mp4"), destination, null, TestContext.Current.CancellationToken);

        file.SizeBytes.ShouldBe(Size);
        TempFiles.Sha256(destination).ShouldBe(TempFiles.Sha256(content));
        file.Sha256.ShouldBe(TempFiles.Sha256(content), StringCompareShould.IgnoreCase); // the hash restarted with the file
    }

    [Fact(Timeout = 60_000)]
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

    [Theory(Timeout = 60_000)]
    [InlineData("image/png", "out.png")]
    [InlineData("audio/wav", "out.wav")]
    [InlineData("video/mp4", "out.mp4")]
    public async Task DownloadAsync_MediaOfAnyKind_DownloadedWithTheServedType(string type, string name)
    {
        byte[] content = RandomNumberGenerator.GetBytes(5000);
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer(content, type).HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, name);

        DownloadedFile file = await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/" + name), destination, null, TestContext.Current.CancellationToken);

        file.ContentType.ShouldBe(type);
        File.ReadAllBytes(destination).ShouldBe(content);
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_OctetStream_DownloadedWithNoTypeClaimed()
    {
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer(new byte[100], "application/octet-stream").HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();

        DownloadedFile file = await test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/x"), Path.Combine(files.Directory, "x.png"), null, TestContext.Current.CancellationToken);

        file.ContentType.ShouldBeNull();
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_HtmlInsteadOfVideo_RejectedWithoutFile()
    {
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer("<html>login</html>"u8.ToArray(), "text/html").HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "video.mp4");

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4?token=abc"), destination, null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("text/html");
        error.Message.ShouldContain("not a video, image or audio file");
        error.Message.ShouldNotContain("token=abc");
        File.Exists(destination).ShouldBeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_ExpiredSignedUrl_NotFoundWithoutQuery()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        using var files = new TempFiles();

        var error = await Should.ThrowAsync<ProviderException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4?X-Amz-Signature=s3cr3t"), Path.Combine(files.Directory, "v.mp4"), null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.NotFound);
        error.ToString().ShouldNotContain("s3cr3t");
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
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

        var error = await Should.ThrowAsync<ProviderException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4"), Path.Combine(files.Directory, "v.mp4"), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("3 attempts");
        server.RequestCount.ShouldBe(3);
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_AnnouncedLengthOverLimit_RefusedWithoutWriting()
    {
        byte[] content = RandomNumberGenerator.GetBytes(10_000);
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer(content).HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.MaxDownloadBytes = 4096);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "v.mp4");

        var error = await Should.ThrowAsync<ProviderException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4"), destination, null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("MaxDownloadBytes");
        File.Exists(destination).ShouldBeFalse();
        server.RequestCount.ShouldBe(1); // a size refusal is not resumed
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_UnannouncedBodyOverLimit_StopsAtLimit()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4"; // no Content-Length: chunked, size unknown until the end
            for (int i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(new byte[4096], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.MaxDownloadBytes = 20_000);
        using var files = new TempFiles();
        string destination = Path.Combine(files.Directory, "v.mp4");

        var error = await Should.ThrowAsync<ProviderException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4"), destination, null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("20000 bytes");
        File.Exists(destination).ShouldBeFalse();
        (File.Exists(destination + ".part") ? new FileInfo(destination + ".part").Length : 0).ShouldBeLessThanOrEqualTo(20_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_TricklesPastDownloadTimeout_GivenUpWithSettingNamed()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = 1_000_000;
            for (int i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(new byte[10], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
            }
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.DownloadTimeout = TimeSpan.FromMilliseconds(600));
        using var files = new TempFiles();

        var error = await Should.ThrowAsync<ProviderException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4"), Path.Combine(files.Directory, "v.mp4"), null, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("DownloadTimeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task DownloadAsync_DiskFull_LocalStorageErrorAndNotResumed()
    {
        await using SmallDisk? disk = await SmallDisk.TryMountAsync(64 * 1024);
        Assert.SkipWhen(disk is null, SmallDisk.Requirement);
        byte[] content = RandomNumberGenerator.GetBytes(Size);
        await using var server = await LoopbackServer.StartAsync(new RangeFileServer(content).HandleAsync);
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        string destination = Path.Combine(disk!.Path, "v.mp4");

        var error = await Should.ThrowAsync<LocalStorageException>(() =>
            test.Client.DownloadAsync(new Uri(server.BaseUrl, "o/v.mp4?X-Amz-Signature=s3cr3t"), destination, null, TestContext.Current.CancellationToken));

        error.IsOutOfSpace.ShouldBeTrue();
        error.Message.ShouldNotContain("s3cr3t");
        server.RequestCount.ShouldBe(1); // the network was fine: resuming into a full disk would only fail again
        File.Exists(destination).ShouldBeFalse();
    }
}

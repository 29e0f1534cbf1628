using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedClientUploadTests
{
    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_Binary_MultipartFilePartAndDownloadUrl()
    {
        using var files = new TempFiles();
        string path = files.Create("clip.mp4", 300_000);
        string? received = null, fileName = null, partType = null, requestPath = null, auth = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            requestPath = context.Request.Path.Value;
            auth = context.Request.Headers.Authorization;
            IFormCollection form = await context.Request.ReadFormAsync();
            IFormFile file = form.Files.GetFile("file")!;
            fileName = file.FileName;
            partType = file.ContentType;
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            received = TempFiles.Sha256(buffer.ToArray());
            await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["type"] = "video", ["download_url"] = "http://127.0.0.1:9/u/clip.mp4", ["filename"] = file.FileName, ["size"] = file.Length }));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);
        var progress = new LastValueProgress();

        Uri url = await test.Client.UploadAsync(path, progress, TestContext.Current.CancellationToken);

        url.ShouldBe(new Uri("http://127.0.0.1:9/u/clip.mp4"));
        requestPath.ShouldBe("/api/v3/media/upload/binary");
        auth.ShouldBe($"Bearer {WaveSpeedTestClient.ApiKey}");
        fileName.ShouldBe("clip.mp4");
        partType.ShouldBe("video/mp4");
        received.ShouldBe(TempFiles.Sha256(path));
        progress.Last.ShouldBe(300_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_TwoStep_TicketThenPutWithTicketHeadersAndNoAuthorization()
    {
        using var files = new TempFiles();
        string path = files.Create("clip.mp4", 200_000);
        JsonObject? ticket = null;
        string? putAuth = "unset", putType = null, putMeta = null, putHash = null, ticketAuth = null;
        LoopbackServer? server = null;
        await using var running = server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Method == "POST" && context.Request.Path == "/api/v3/media/uploads")
            {
                ticketAuth = context.Request.Headers.Authorization;
                ticket = await Envelopes.ReadBodyAsync(context);
                var upload = new JsonObject
                {
                    ["url"] = new Uri(server!.BaseUrl, "bucket/clip.mp4?X-Amz-Signature=presigned").AbsoluteUri,
                    ["method"] = "put",
                    ["headers"] = new JsonObject { ["Content-Type"] = "video/mp4", ["x-amz-meta-owner"] = "vs" },
                };
                await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["download_url"] = "http://127.0.0.1:9/u/clip.mp4", ["upload"] = upload }));
                return;
            }

            context.Request.Method.ShouldBe("PUT");
            putAuth = context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString();
            putType = context.Request.ContentType;
            putMeta = context.Request.Headers["x-amz-meta-owner"];
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            putHash = TempFiles.Sha256(buffer.ToArray());
            context.Response.StatusCode = 200;
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.UploadMode = WaveSpeedUploadMode.TwoStep);
        var progress = new LastValueProgress();

        Uri url = await test.Client.UploadAsync(path, progress, TestContext.Current.CancellationToken);

        url.ShouldBe(new Uri("http://127.0.0.1:9/u/clip.mp4"));
        ticketAuth.ShouldBe($"Bearer {WaveSpeedTestClient.ApiKey}");
        ticket!["filename"]!.GetValue<string>().ShouldBe("clip.mp4");
        ticket["size"]!.GetValue<long>().ShouldBe(200_000);
        ticket["content_type"]!.GetValue<string>().ShouldBe("video/mp4");
        putAuth.ShouldBeNull();
        putType.ShouldBe("video/mp4");
        putMeta.ShouldBe("vs");
        putHash.ShouldBe(TempFiles.Sha256(path));
        progress.Last.ShouldBe(200_000);
        test.Logs.AllText.ShouldNotContain("presigned");
    }

    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_TwoStepUnknownExtension_TicketOmitsContentType()
    {
        using var files = new TempFiles();
        string path = files.Create("data.xyz", 10);
        JsonObject? ticket = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            ticket = await Envelopes.ReadBodyAsync(context);
            await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["download_url"] = "http://127.0.0.1:9/u/d", ["upload"] = new JsonObject { ["url"] = "http://127.0.0.1:9/x", ["method"] = "POST" } }));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.UploadMode = WaveSpeedUploadMode.TwoStep);

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.UploadAsync(path, null, TestContext.Current.CancellationToken));

        ticket!.ContainsKey("content_type").ShouldBeFalse();
        error.Message.ShouldContain("no PUT upload URL");
        server.RequestCount.ShouldBe(1);
    }

    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_Busy503Throughout_RetriedThenTypedWithStatus()
    {
        using var files = new TempFiles();
        string path = files.Create("big.mp4", 1000);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await Envelopes.WriteAsync(context, Envelopes.Error(503, "busy"), 503);
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => { o.UploadMaxAttempts = 3; o.UploadRetryDelay = TimeSpan.FromMilliseconds(10); });

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.UploadAsync(path, null, TestContext.Current.CancellationToken));

        error.HttpStatus.ShouldBe(503);
        server.RequestCount.ShouldBe(3); // uploads are free: tried again, and bounded
    }

    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_Busy503Once_RetriedAndUploaded()
    {
        using var files = new TempFiles();
        string path = files.Create("clip.mp4", 1000);
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await (Interlocked.Increment(ref calls) == 1
                ? Envelopes.WriteAsync(context, Envelopes.Error(503, "busy"), 503)
                : Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["download_url"] = "http://127.0.0.1:9/u/clip.mp4" })));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.UploadRetryDelay = TimeSpan.FromMilliseconds(10));

        Uri url = await test.Client.UploadAsync(path, null, TestContext.Current.CancellationToken);

        url.ToString().ShouldBe("http://127.0.0.1:9/u/clip.mp4");
        server.RequestCount.ShouldBe(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task UploadAsync_BadRequest_NotRetried()
    {
        using var files = new TempFiles();
        string path = files.Create("clip.mp4", 1000);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await Envelopes.WriteAsync(context, Envelopes.Error(400, "bad file"), 400);
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.UploadRetryDelay = TimeSpan.FromMilliseconds(10));

        var error = await Should.ThrowAsync<ProviderException>(() => test.Client.UploadAsync(path, null, TestContext.Current.CancellationToken));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        server.RequestCount.ShouldBe(1);
    }
}

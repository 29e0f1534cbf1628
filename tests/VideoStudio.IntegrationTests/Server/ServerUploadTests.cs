using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>Uploads are typed by content and stored per owner; webhooks are authenticated by their signature.</summary>
public sealed class ServerUploadTests
{
    private static readonly Uri Uploads = new("/v1/uploads", UriKind.Relative);

    private static MultipartFormDataContent Form(byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task Upload_RealMp4_AnsweredByIdNotPathAndUsableOnlyByItsOwner()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        byte[] clip = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), h.Token);

        HttpResponseMessage response = await alice.PostAsync(Uploads, Form(clip, "holiday.bin", "application/octet-stream"), h.Token);
        JsonNode upload = await h.JsonAsync(response);
        string id = upload["id"]!.GetValue<string>();
        var input = new JsonObject { ["video"] = id, ["prompt"] = "the camera keeps rolling" };
        JsonNode mine = await h.JsonAsync(await alice.PostAsync(new Uri("/v1/validate", UriKind.Relative), ServerHarness.Body(new { model = "alibaba/wan-2.5/video-extend", input }), h.Token));
        JsonNode bobs = await h.JsonAsync(await h.Client(ServerHarness.BobKey).PostAsync(new Uri("/v1/validate", UriKind.Relative), ServerHarness.Body(new { model = "alibaba/wan-2.5/video-extend", input }), h.Token));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        upload["contentType"]!.GetValue<string>().ShouldBe("video/mp4");
        upload["sizeBytes"]!.GetValue<long>().ShouldBe(clip.Length);
        upload["durationSeconds"]!.GetValue<double>().ShouldBe(7.2, tolerance: 0.2);
        id.ShouldStartWith("upload:");
        upload["name"]!.GetValue<string>().ShouldBe("holiday.bin");
        upload["kind"]!.GetValue<string>().ShouldBe("video");
        upload.AsObject().ShouldNotContainKey("path");
        (await response.Content.ReadAsStringAsync(h.Token)).ShouldNotContain(h.DataDirectory);
        Directory.EnumerateFiles(Path.Combine(h.DataDirectory, "outputs", "uploads", VideoStudio.Engine.Common.OwnerStorageName.For("alice")), id[7..] + ".mp4").ShouldHaveSingleItem();
        mine["valid"]!.GetValue<bool>().ShouldBeTrue(mine.ToJsonString());
        mine["normalizedInput"]!["video"]!.GetValue<string>().ShouldBe(id);
        bobs["errors"]!.AsArray().ShouldContain(e => e!["code"]!.GetValue<string>() == ErrorCodes.MediaNotFound && e["path"]!.GetValue<string>() == "/video");
    }

    [Fact]
    public async Task SubmitJob_WithAnUpload_RunsAndAnswersTheUploadIdNeverItsPath()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        byte[] clip = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), h.Token);
        string id = (await h.JsonAsync(await alice.PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token)))["id"]!.GetValue<string>();

        HttpResponseMessage submitted = await alice.PostAsync(new Uri("/v1/jobs", UriKind.Relative),
            ServerHarness.Body(new { model = "alibaba/wan-2.5/video-extend", input = new { video = id, prompt = "the camera keeps rolling" } }), h.Token);
        string answer = await submitted.Content.ReadAsStringAsync(h.Token);
        string job = JsonNode.Parse(answer)!["id"]!.GetValue<string>();
        string listed = await alice.GetStringAsync(new Uri("/v1/jobs", UriKind.Relative), h.Token);
        JsonNode read = await h.JsonAsync(await alice.GetAsync(new Uri("/v1/jobs/" + job, UriKind.Relative), h.Token));

        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, answer);
        JsonNode.Parse(answer)!["input"]!["video"]!.GetValue<string>().ShouldBe(id);
        read["input"]!["video"]!.GetValue<string>().ShouldBe(id);
        listed.ShouldNotContain(Path.Combine("outputs", "uploads"));
    }

    [Fact]
    public async Task Upload_TextNamedMp4_Returns415ProblemAndKeepsNothing()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Uploads, Form(Encoding.UTF8.GetBytes("just some notes, not a video\n"), "clip.mp4", "video/mp4"), h.Token);
        JsonNode problem = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["detail"]!.GetValue<string>().ShouldContain("export the file as MP4");
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.MediaUnreadable);
        Directory.EnumerateFiles(Path.Combine(h.DataDirectory, "outputs", "uploads"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400Problem()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Uploads, new ByteArrayContent([1, 2, 3]), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await h.JsonAsync(response))["errors"]![0]!["code"]!.GetValue<string>().ShouldBe(ErrorCodes.NotMultipart);
    }

    [Fact]
    public async Task Upload_OverTheOwnersCount_Returns429WithCodeAndOtherOwnerUnaffected()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true, settings: ["--VideoStudio:Server:MaxUploadsPerOwner=2"]);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        byte[] clip = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), h.Token);
        for (int i = 0; i < 2; i++)
        {
            (await alice.PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        HttpResponseMessage third = await alice.PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token);
        JsonNode problem = await h.JsonAsync(third);
        HttpResponseMessage bobs = await h.Client(ServerHarness.BobKey).PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token);

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.TooManyUploads);
        problem["detail"]!.GetValue<string>().ShouldContain("MaxUploadsPerOwner");
        KeptFiles(h, "alice").Length.ShouldBe(2, "the refused upload left nothing behind");
        bobs.StatusCode.ShouldBe(HttpStatusCode.Created, "another owner's uploads count apart");
    }

    [Fact]
    public async Task Upload_OverTheOwnersBytes_Returns413WithCodeKeepsNothingAndOtherOwnerUnaffected()
    {
        byte[] clip = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), TestContext.Current.CancellationToken);
        long quota = clip.Length + (clip.Length / 2);
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true, settings: ["--VideoStudio:Server:MaxUploadBytesPerOwner=" + quota]);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        (await alice.PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token)).StatusCode.ShouldBe(HttpStatusCode.Created);

        HttpResponseMessage second = await alice.PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token);
        JsonNode problem = await h.JsonAsync(second);
        HttpResponseMessage bobs = await h.Client(ServerHarness.BobKey).PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token);

        second.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.UploadQuotaExceeded);
        problem["detail"]!.GetValue<string>().ShouldContain("MaxUploadBytesPerOwner");
        KeptFiles(h, "alice").Length.ShouldBe(1);
        bobs.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Upload_BodyStallsAfterAFewBytes_Returns408WithinTheDeadlineKeepsNothingAndOtherOwnerUnaffected()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true, settings: ["--VideoStudio:Server:UploadBodyTimeout=00:00:02"]);
        byte[] clip = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), h.Token);
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Raw HTTP/1.1: the headers promise a large body; a few bytes of the file part come, then nothing.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(h.BaseAddress.Host, h.BaseAddress.Port, h.Token);
        System.Net.Sockets.NetworkStream stream = socket.GetStream();
        string head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.mp4\"\r\nContent-Type: video/mp4\r\n\r\nabcdefgh";
        string request = $"POST /v1/uploads HTTP/1.1\r\nHost: {h.BaseAddress.Authority}\r\nAuthorization: Bearer {ServerHarness.AliceKey}\r\n"
            + $"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n{head}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), h.Token);
        await stream.FlushAsync(h.Token);
        Task<HttpResponseMessage> bobs = h.Client(ServerHarness.BobKey).PostAsync(Uploads, Form(clip, "clip.mp4", "video/mp4"), h.Token);
        string answer = await ReadAnswerAsync(stream, h.Token);
        TimeSpan refusedAfter = started.Elapsed;

        answer.ShouldStartWith("HTTP/1.1 408");
        answer.ShouldContain(ErrorCodes.UploadTimedOut);
        refusedAfter.ShouldBeLessThan(TimeSpan.FromSeconds(15), "refused at the deadline, not held open");
        Directory.Exists(Path.Combine(h.DataDirectory, "outputs", "uploads", VideoStudio.Engine.Common.OwnerStorageName.For("alice"))).ShouldBeTrue();
        KeptFiles(h, "alice").ShouldBeEmpty("nothing of the cut-off body is kept");
        (await bobs).StatusCode.ShouldBe(HttpStatusCode.Created, "another owner uploads meanwhile");
    }

    // The answer's status line, headers and body as text: read until its Content-Length is whole (or the server closes).
    private static async Task<string> ReadAnswerAsync(System.Net.Sockets.NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes.AddRange(buffer.AsSpan(0, read).ToArray());
            string text = Encoding.UTF8.GetString([.. bytes]);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            System.Text.RegularExpressions.Match length = System.Text.RegularExpressions.Regex.Match(text, @"(?im)^content-length:\s*(\d+)");
            if (end >= 0 && length.Success && bytes.Count >= Encoding.UTF8.GetByteCount(text[..(end + 4)]) + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                return text;
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    // Every file in the owner's upload folder: kept uploads, their info, and anything still arriving.
    private static string[] KeptFiles(ServerHarness h, string owner)
    {
        string directory = Path.Combine(h.DataDirectory, "outputs", "uploads", VideoStudio.Engine.Common.OwnerStorageName.For(owner));
        return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory).Where(f => !f.EndsWith(".json", StringComparison.Ordinal))] : [];
    }

    [Fact]
    public async Task Webhook_BadSignature_Returns401()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/webhooks/wavespeed", UriKind.Relative))
        {
            Content = new StringContent("""{"id":"pred_123","status":"completed","outputs":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", "msg_1");
        request.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        HttpResponseMessage response = await h.Client().SendAsync(request, h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await h.JsonAsync(response))["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.WebhookRejected);
    }
}

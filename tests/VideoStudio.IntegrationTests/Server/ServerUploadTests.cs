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

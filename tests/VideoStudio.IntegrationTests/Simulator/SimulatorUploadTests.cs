using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorUploadTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();

    [Fact]
    public async Task BinaryUpload_MultipartFile_RoundTripsBytes()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Payload);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", "clip.mp4");

        using HttpResponseMessage response = await sim.Api.PostAsync("api/v3/media/upload/binary", form, sim.Token);
        JsonObject body = JsonNode.Parse(await response.Content.ReadAsStringAsync(sim.Token))!.AsObject();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["code"]!.GetValue<int>().ShouldBe(200);
        body["data"]!["type"]!.GetValue<string>().ShouldBe("video");
        body["data"]!["filename"]!.GetValue<string>().ShouldBe("clip.mp4");
        body["data"]!["size"]!.GetValue<long>().ShouldBe(Payload.Length);
        (await sim.Anonymous.GetByteArrayAsync(body["data"]!["download_url"]!.GetValue<string>(), sim.Token)).ShouldBe(Payload);
        sim.Server.Stats.Uploads.ShouldBe(1);
    }

    [Fact]
    public async Task TicketUpload_PutWithReturnedHeaders_RoundTripsBytes()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage ticketResponse, JsonObject ticket) = await sim.PostJsonAsync(
            "api/v3/media/uploads", new JsonObject { ["filename"] = "clip.mp4", ["size"] = Payload.Length, ["content_type"] = "video/mp4" });
        ticketResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode upload = ticket["data"]!["upload"]!;
        upload["method"]!.GetValue<string>().ShouldBe("PUT");
        using var put = new HttpRequestMessage(HttpMethod.Put, upload["url"]!.GetValue<string>()) { Content = new ByteArrayContent(Payload) };
        foreach ((string name, JsonNode? value) in upload["headers"]!.AsObject())
        {
            put.Content.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
        }

        using HttpResponseMessage putResponse = await sim.Anonymous.SendAsync(put, sim.Token); // no Authorization, like a signed URL

        putResponse.IsSuccessStatusCode.ShouldBeTrue();
        (await sim.Anonymous.GetByteArrayAsync(ticket["data"]!["download_url"]!.GetValue<string>(), sim.Token)).ShouldBe(Payload);
    }

    [Fact]
    public async Task Quote_UploadedVideoForMediaPricedModel_PricesProbedDuration()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string url = await UploadSampleAsync(sim);

        (_, JsonObject body) = await sim.PostJsonAsync("api/v3/model/pricing", new JsonObject
        {
            ["model_id"] = SimulatorHarness.RetakeModel,
            ["inputs"] = new JsonObject { ["video"] = url, ["prompt"] = "x" },
        });

        body["data"]!["unit_price"]!.GetValue<decimal>().ShouldBe(sim.Server.ShapedOutputs ? 0.6m : 0.5m); // 6 s rendered (5 s sample) × $0.10/s
        body["data"]!["placeholder"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Submit_MediaUrlNotReachable_TaskFailsWith1402()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        string id = await sim.SubmitAsync(new JsonObject { ["video"] = "http://127.0.0.1:9/clip.mp4", ["prompt"] = "x" }, SimulatorHarness.RetakeModel);
        JsonObject done = await sim.PollUntilTerminalAsync(id);

        done["status"]!.GetValue<string>().ShouldBe("failed");
        done["code"]!.GetValue<int>().ShouldBe(1402);
        done["error"]!.GetValue<string>().ShouldContain("video");
    }

    [Fact]
    public async Task Submit_UploadedMedia_Completes()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string url = await UploadSampleAsync(sim);

        string id = await sim.SubmitAsync(new JsonObject { ["video"] = url, ["prompt"] = "x" }, SimulatorHarness.RetakeModel);

        (await sim.PollUntilTerminalAsync(id))["status"]!.GetValue<string>().ShouldBe("completed");
    }

    /// <summary>Uploads the simulator's own output (a real MP4: 6 s as requested, or the 5 s sample without ffmpeg) and returns its URL.</summary>
    private static async Task<string> UploadSampleAsync(SimulatorHarness sim)
    {
        string id = await sim.SubmitAsync();
        byte[] mp4 = await sim.Anonymous.GetByteArrayAsync((await sim.PollUntilTerminalAsync(id))["outputs"]![0]!.GetValue<string>(), sim.Token);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(mp4), "file", "sample.mp4" } };
        using HttpResponseMessage response = await sim.Api.PostAsync("api/v3/media/upload/binary", form, sim.Token);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(sim.Token))!["data"]!["download_url"]!.GetValue<string>();
    }
}

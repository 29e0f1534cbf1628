using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Engine.Media;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorLifecycleTests
{
    [Fact]
    public async Task Submit_WrongKey_Returns401InvalidAuthentication()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        HttpClient client = sim.Anonymous;
        client.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput(), client);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body["code"]!.GetValue<int>().ShouldBe(401);
        body["message"]!.GetValue<string>().ShouldBe("invalid authentication");
        sim.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Fact]
    public async Task Balance_MissingKey_Returns401()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, _) = await sim.GetJsonAsync("api/v3/balance", sim.Anonymous);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_ThenPoll_CompletesWithPlayableMp4OfTheRequestedShape()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage submitted, JsonObject envelope) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput());
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        envelope["code"]!.GetValue<int>().ShouldBe(200);
        JsonNode data = envelope["data"]!;
        data["status"]!.GetValue<string>().ShouldBe("created");
        data["model"]!.GetValue<string>().ShouldBe(SimulatorHarness.Model);
        string id = data["id"]!.GetValue<string>();
        data["urls"]!["get"]!.GetValue<string>().ShouldBe($"{sim.Server.BaseUrl}/api/v3/predictions/{id}/result");

        JsonObject done = await sim.PollUntilTerminalAsync(id);

        done["status"]!.GetValue<string>().ShouldBe("completed");
        string output = done["outputs"]![0]!.GetValue<string>();
        byte[] mp4 = await sim.Anonymous.GetByteArrayAsync(output, sim.Token);
        System.Text.Encoding.ASCII.GetString(mp4, 4, 4).ShouldBe("ftyp");
        mp4.Length.ShouldBeLessThan(200_000);
        string path = Path.Combine(Path.GetTempPath(), $"sim-output-{id}.mp4");
        await File.WriteAllBytesAsync(path, mp4, sim.Token);
        try
        {
            var info = await new TagLibMediaProbe().ProbeAsync(path, sim.Token);
            // The requested 6 s at LTX-2 Pro's fixed 1080p when ffmpeg renders it; the bundled 5 s 320x180 sample without.
            info.DurationSeconds!.Value.ShouldBe(sim.Server.ShapedOutputs ? 6.0 : 5.0, 0.2);
            info.Width.ShouldBe(sim.Server.ShapedOutputs ? 1920 : 320);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Result_AliasPathWithoutResult_ReturnsSameTask()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string id = await sim.SubmitAsync();

        (HttpResponseMessage response, JsonObject body) = await sim.GetJsonAsync($"api/v3/predictions/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["data"]!["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task Result_UnknownId_Returns404()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, JsonObject body) = await sim.GetJsonAsync("api/v3/predictions/nope/result");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        body["code"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task Submit_DurationNotInEnum_Returns400NamingField()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync(
            $"api/v3/{SimulatorHarness.Model}", new JsonObject { ["prompt"] = "x", ["duration"] = 7, ["enable_sync_mode"] = false });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<int>().ShouldBe(400);
        body["data"]!["error"]!.GetValue<string>().ShouldContain("/duration");
        sim.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Fact]
    public async Task Submit_UnknownModel_Returns400WithClearMessage()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync("api/v3/acme/no-such-model", SimulatorHarness.ValidInput());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().ShouldContain("acme/no-such-model");
    }

    [Fact]
    public async Task Submit_FakeClock_StatusFollowsLatencyScaledManifestTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, TimeProvider = clock, LatencyScale = 1.0 });
        string id = await sim.SubmitAsync();

        async Task<string> StatusAsync() => (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Body["data"]!["status"]!.GetValue<string>();

        (await StatusAsync()).ShouldBe("created");
        clock.Advance(TimeSpan.FromSeconds(13)); // LTX-2 Pro expects 120 s; the first tenth is "created"
        (await StatusAsync()).ShouldBe("processing");
        clock.Advance(TimeSpan.FromSeconds(110));
        (await StatusAsync()).ShouldBe("completed");
    }
}

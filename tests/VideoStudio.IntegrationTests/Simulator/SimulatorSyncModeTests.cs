using System.Net;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorSyncModeTests
{
    [Fact]
    public async Task Submit_SyncModeFastTask_ReturnsCompletedTask()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        JsonObject input = SimulatorHarness.ValidInput();
        input["enable_sync_mode"] = true;

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", input);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["data"]!["status"]!.GetValue<string>().ShouldBe("completed");
        body["data"]!["outputs"]!.AsArray().Count.ShouldBe(1);
        sim.Server.Stats.Submissions.Single().Input.ContainsKey("enable_sync_mode").ShouldBeFalse();
    }

    [Fact]
    public async Task Submit_SyncModeOverLimit_Returns5004ProcessingWithId()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new()
        {
            ApiKey = o.ApiKey, FixedLatency = TimeSpan.FromSeconds(30), SyncModeLimit = TimeSpan.FromMilliseconds(300),
        });
        JsonObject input = SimulatorHarness.ValidInput();
        input["enable_sync_mode"] = true;

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", input);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["code"]!.GetValue<int>().ShouldBe(5004);
        JsonNode data = body["data"]!;
        data["code"]!.GetValue<int>().ShouldBe(5004);
        data["status"]!.GetValue<string>().ShouldBe("processing");
        data["error"]!.GetValue<string>().ShouldStartWith("Sync mode timed out after 0.3 seconds");
        string id = data["id"]!.GetValue<string>();
        data["urls"]!["get"]!.GetValue<string>().ShouldEndWith($"/api/v3/predictions/{id}/result");
        (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

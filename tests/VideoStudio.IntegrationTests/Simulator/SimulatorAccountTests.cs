using System.Net;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorAccountTests
{
    [Fact]
    public async Task Submit_ValidTask_DecreasesBalanceByEstimatedPrice()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, InitialBalanceUsd = 10m });

        await sim.SubmitAsync(); // LTX-2 Pro: 6 s × $0.06
        decimal balance = (await sim.GetJsonAsync("api/v3/balance")).Body["data"]!["balance"]!.GetValue<decimal>();

        balance.ShouldBe(9.64m);
    }

    [Fact]
    public async Task Submit_InsufficientBalance_Returns402InsufficientCreditsAndStoresNothing()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, InitialBalanceUsd = 0.1m });

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput());

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        body["message"]!.GetValue<string>().ShouldStartWith("insufficient credits");
        sim.Server.Stats.TotalSubmissions.ShouldBe(0);
        sim.Server.BalanceUsd.ShouldBe(0.1m);
    }

    [Fact]
    public async Task Quote_BothPaths_ReturnEnginePrice()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        var request = new JsonObject { ["model_id"] = SimulatorHarness.Model, ["inputs"] = new JsonObject { ["prompt"] = "x", ["duration"] = 10 } };

        JsonObject pricing = (await sim.PostJsonAsync("api/v3/model/pricing", (JsonObject)request.DeepClone())).Body;
        JsonObject price = (await sim.PostJsonAsync("api/v3/model/price", request)).Body;

        pricing["data"]!["unit_price"]!.GetValue<decimal>().ShouldBe(0.6m);
        price["data"]!["price"]!.GetValue<decimal>().ShouldBe(0.6m);
        price["data"]!["currency"]!.GetValue<string>().ShouldBe("USD");
    }

    [Fact]
    public async Task Models_Installed_ListsEachWithRequestSchemaAndFormula()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        JsonArray models = (await sim.GetJsonAsync("api/v3/models")).Body["data"]!.AsArray();

        JsonNode ltx = models.Single(m => m!["model_id"]!.GetValue<string>() == SimulatorHarness.Model)!;
        ltx["base_price"]!.GetValue<decimal>().ShouldBe(0.06m);
        ltx["formula"]!.GetValue<string>().ShouldContain("total_price");
        JsonNode run = ltx["api_schema"]!["api_schemas"]![0]!;
        run["type"]!.GetValue<string>().ShouldBe("model_run");
        run["api_path"]!.GetValue<string>().ShouldBe("/api/v3/" + SimulatorHarness.Model);
        run["request_schema"]!["properties"]!["prompt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task History_AfterSubmits_ListsTasksWithInputFilteredByModel()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string first = await sim.SubmitAsync();
        string second = await sim.SubmitAsync(new JsonObject { ["prompt"] = "other", ["duration"] = 8 });

        JsonObject body = (await sim.PostJsonAsync("api/v3/predictions", new JsonObject { ["page"] = 1, ["page_size"] = 10, ["model"] = SimulatorHarness.Model })).Body;
        JsonObject none = (await sim.PostJsonAsync("api/v3/predictions", new JsonObject { ["model"] = "acme/other" })).Body;

        JsonArray items = body["data"]!["items"]!.AsArray();
        items.Select(i => i!["id"]!.GetValue<string>()).ShouldBe([second, first], ignoreOrder: true);
        items.Single(i => i!["id"]!.GetValue<string>() == second)!["input"]!["duration"]!.GetValue<int>().ShouldBe(8);
        body["data"]!["total"]!.GetValue<int>().ShouldBe(2);
        none["data"]!["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task History_PageSizeOver100_Returns400()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, _) = await sim.PostJsonAsync("api/v3/predictions", new JsonObject { ["page_size"] = 101 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

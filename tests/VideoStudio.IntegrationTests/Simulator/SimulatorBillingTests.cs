using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// <c>POST /api/v3/billings/search</c> (§21): a task's deduct record appears only after it has ended and the billing
/// delay has passed, priced at what was really charged, which a charge factor makes differ from the rule.
/// </summary>
public sealed class SimulatorBillingTests
{
    private static JsonObject Search(params string[] ids) => new()
    {
        ["billing_type"] = "deduct",
        ["prediction_uuids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]),
        ["page"] = 1,
        ["page_size"] = 10,
    };

    [Fact]
    public async Task Search_AfterTheTaskEndsAndTheDelay_RecordAtTheChargedPriceNotTheRules()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new()
        {
            ApiKey = o.ApiKey,
            FixedLatency = TimeSpan.FromMilliseconds(200),
            BillingDelay = TimeSpan.FromMilliseconds(800),
            ChargeFactors = new Dictionary<string, decimal> { [SimulatorHarness.Model] = 1.5m },
            InitialBalanceUsd = 10m,
        });
        string id = await sim.SubmitAsync(); // LTX-2 Pro: 6 s × $0.06 = $0.36 by the rule

        JsonArray before = (await sim.PostJsonAsync("api/v3/billings/search", Search(id))).Body["data"]!["items"]!.AsArray();
        await sim.PollUntilTerminalAsync(id);
        JsonArray items = [];
        for (int i = 0; i < 50 && items.Count == 0; i++)
        {
            await Task.Delay(100, sim.Token);
            items = (await sim.PostJsonAsync("api/v3/billings/search", Search(id, "unknown-id"))).Body["data"]!["items"]!.AsArray();
        }

        before.ShouldBeEmpty("no record while the task runs");
        JsonNode record = items.ShouldHaveSingleItem()!;
        record["price"]!.GetValue<decimal>().ShouldBe(0.54m);
        record["billing_type"]!.GetValue<string>().ShouldBe("deduct");
        record["prediction"]!["uuid"]!.GetValue<string>().ShouldBe(id);
        sim.Server.BalanceUsd.ShouldBe(9.46m, "the balance is charged the same amount");
    }

    [Fact]
    public async Task Search_NoPredictionIds_400NamingTheBody()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();

        (HttpResponseMessage response, JsonObject body) = await sim.PostJsonAsync("api/v3/billings/search", new JsonObject { ["billing_type"] = "deduct" });

        ((int)response.StatusCode).ShouldBe(400);
        body["message"]!.GetValue<string>().ShouldContain("prediction_uuids");
    }
}

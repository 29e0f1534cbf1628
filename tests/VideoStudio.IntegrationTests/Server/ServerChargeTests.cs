using System.Text.Json.Nodes;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// What the provider really charged, over real HTTP against the simulator: each finished job's billing record is
/// looked up after it ends, stored beside the estimate, settles the budget, and a model charged differently from
/// its rule is reported as a pricing rule to fix.
/// </summary>
public sealed class ServerChargeTests
{
    private static void FastLookups(JobOptions o)
    {
        o.ChargeLookupInterval = TimeSpan.FromMilliseconds(100);
        o.ChargeLookupDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(2)];
    }

    internal static async Task<string> RunAsync(ServerHarness h, HttpClient client, string model, JsonObject input)
    {
        HttpResponseMessage submitted = await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model, input }), h.Token);
        JsonNode job = await h.JsonAsync(submitted);
        ((int)submitted.StatusCode).ShouldBe(202, job.ToJsonString());
        string id = job["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        return id;
    }

    internal static async Task<JsonNode> WaitForChargeAsync(ServerHarness h, HttpClient client, string id)
    {
        for (int i = 0; i < 100; i++)
        {
            JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
            if (job["charge"]?["status"]?.GetValue<string>() is "known" or "unavailable")
            {
                return job;
            }

            await Task.Delay(100, h.Token);
        }

        throw new TimeoutException($"Job {id} got no charge.");
    }

    [Fact]
    public async Task Spend_ProviderChargesAQuarterMoreThanTheRule_ChargeStoredSettledAndRuleFlagged()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(chargeFactors: new Dictionary<string, decimal> { [ServerHarness.Model] = 1.25m }, jobs: FastLookups);
        HttpClient client = h.Client();
        string id = await RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());

        JsonNode job = await WaitForChargeAsync(h, client, id);
        JsonNode spend = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));

        decimal estimate = job["estimateUsd"]!.GetValue<decimal>();
        JsonNode charge = job["charge"]!;
        charge["status"]!.GetValue<string>().ShouldBe("known");
        charge["estimatedUsd"]!.GetValue<decimal>().ShouldBe(estimate);
        charge["estimateSource"]!.GetValue<string>().ShouldBe("pricing-rule");
        charge["chargedUsd"]!.GetValue<decimal>().ShouldBe(Math.Round(estimate * 1.25m, 4));
        charge["chargeSource"]!.GetValue<string>().ShouldBe("provider-billing");
        charge["confidence"]!.GetValue<string>().ShouldBe("third-party");
        job["finalCostUsd"]!.GetValue<decimal>().ShouldBe(Math.Round(estimate * 1.25m, 4));
        spend["thisMonth"]!["settledUsd"]!.GetValue<decimal>().ShouldBe(Math.Round(estimate * 1.25m, 4), "the budget settles to the charge");
        JsonNode model = spend["charges"]!["models"]!.AsArray().ShouldHaveSingleItem()!;
        model["modelId"]!.GetValue<string>().ShouldBe(ServerHarness.Model);
        model["driftPercent"]!.GetValue<decimal>().ShouldBe(25m);
        model["flagged"]!.GetValue<bool>().ShouldBeTrue();
        model["pricingRuleToFix"]!.GetValue<string>().ShouldEndWith(Path.Combine("models", "ltx-2-fast-text-to-video.pricing.json"));
        File.Exists(model["pricingRuleToFix"]!.GetValue<string>()).ShouldBeTrue("it names the installed rule file");
    }

    [Fact]
    public async Task Spend_ProviderChargesLessThanTheRule_SpendAdjustedDownNeverNegative()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(chargeFactors: new Dictionary<string, decimal> { [ServerHarness.Model] = 0.5m }, jobs: FastLookups);
        HttpClient client = h.Client();
        string id = await RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());

        JsonNode job = await WaitForChargeAsync(h, client, id);
        JsonNode spend = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));

        decimal estimate = job["estimateUsd"]!.GetValue<decimal>();
        spend["thisMonth"]!["settledUsd"]!.GetValue<decimal>().ShouldBe(Math.Round(estimate * 0.5m, 4));
        spend["charges"]!["models"]![0]!["driftPercent"]!.GetValue<decimal>().ShouldBe(-50m);
    }

    [Fact]
    public async Task Spend_ChargedExactlyTheRule_NotFlagged()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(jobs: FastLookups);
        HttpClient client = h.Client();
        string id = await RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());

        JsonNode job = await WaitForChargeAsync(h, client, id);
        JsonNode model = (await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token)))["charges"]!["models"]![0]!;

        job["charge"]!["chargedUsd"]!.GetValue<decimal>().ShouldBe(job["estimateUsd"]!.GetValue<decimal>());
        model["driftPercent"]!.GetValue<decimal>().ShouldBe(0m);
        model["flagged"]!.GetValue<bool>().ShouldBeFalse();
        model["pricingRuleToFix"].ShouldBeNull();
    }
}

using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>What the provider charged, from its billing records (§21, THIRD-PARTY shape): both shapes seen, absent is not $0.</summary>
public sealed class WaveSpeedClientChargeTests
{
    private static JsonObject Record(string prediction, decimal price, string type = "deduct") => new()
    {
        ["uuid"] = "bill-" + prediction,
        ["billing_type"] = type,
        ["price"] = price,
        ["prediction"] = new JsonObject { ["uuid"] = prediction, ["model_uuid"] = "wavespeed-ai/flashvsr", ["status"] = "completed" },
    };

    [Fact(Timeout = 60_000)]
    public async Task GetChargeAsync_ItemsUnderDataItems_SumsTheDeductRecordsOfThatPrediction()
    {
        JsonObject? body = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Request.Path.Value.ShouldBe("/api/v3/billings/search");
            body = await Envelopes.ReadBodyAsync(context);
            await Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject
            {
                ["items"] = new JsonArray(Record("p1", 0.25m), Record("p1", 0.05m), Record("p2", 9m), Record("p1", 3m, "refund")),
            }));
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        decimal? charged = await test.Charges.GetChargeAsync("p1", TestContext.Current.CancellationToken);

        charged.ShouldBe(0.30m);
        body!["billing_type"]!.GetValue<string>().ShouldBe("deduct");
        body["prediction_uuids"]!.AsArray().Single()!.GetValue<string>().ShouldBe("p1");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetChargeAsync_DataIsTheList_ReadsDataZeroPrice()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            Envelopes.WriteAsync(context, Envelopes.Ok(new JsonArray(new JsonObject { ["price"] = "0.12" }))));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        (await test.Charges.GetChargeAsync("p1", TestContext.Current.CancellationToken)).ShouldBe(0.12m);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetChargeAsync_NoRecordYet_NullNotZero()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["items"] = new JsonArray(), ["total"] = 0 })));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        (await test.Charges.GetChargeAsync("p1", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact(Timeout = 60_000)]
    public async Task GetChargeAsync_NegativePrice_RefusedNamingThePrediction()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["items"] = new JsonArray(Record("p1", -1m)) })));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        var ex = await Should.ThrowAsync<ProviderException>(() => test.Charges.GetChargeAsync("p1", TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("p1");
        ex.Message.ShouldContain("negative");
    }
}

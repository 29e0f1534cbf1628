using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorWebhookTests
{
    [Fact]
    public async Task Webhook_TaskCompletes_PostsTaskObjectSignedWithSecret()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(sim.Token);
        string secret = (await sim.GetJsonAsync("api/v3/webhook/secret")).Body["data"]!["secret"]!.GetValue<string>();
        secret.ShouldStartWith("whsec_");

        string id = await sim.SubmitAsync(query: "?webhook=" + Uri.EscapeDataString(receiver.Url));
        WebhookReceiver.Delivery delivery = await receiver.NextAsync(sim.Token);

        // Verify exactly as a client must: HMAC-SHA256 over "id.timestamp.rawbody", key = secret minus whsec_ (UTF-8), hex.
        byte[] key = Encoding.UTF8.GetBytes(secret["whsec_".Length..]);
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.RawBody}")));
        delivery.Signature.ShouldBe("v3," + expected);
        long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1_600_000_000);
        JsonObject task = JsonNode.Parse(delivery.RawBody)!.AsObject();
        task.ContainsKey("code").ShouldBeFalse(); // no envelope
        task["id"]!.GetValue<string>().ShouldBe(id);
        task["status"]!.GetValue<string>().ShouldBe("completed");
        task["input"]!["prompt"]!.GetValue<string>().ShouldBe("a paper boat in the rain");
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// Webhooks out over real HTTP on 127.0.0.1: the server posts to a Kestrel receiver that is down at first, then
/// fails, then is slow, then answers; every delivery that lands verifies with the StandardWebhooks library; a
/// receiver that never recovers dead-letters and is redelivered through the API.
/// </summary>
public sealed class ServerWebhooksOutTests
{
    private static Action<IServiceCollection> Webhooks(int receiverPort, TimeSpan? retryFor = null) => services =>
    {
        services.Configure<EgressOptions>(o => o.AllowedHosts.Add($"127.0.0.1:{receiverPort}"));
        services.Configure<WebhookOptions>(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
            o.MaxDelay = TimeSpan.FromMilliseconds(400);
            o.Timeout = TimeSpan.FromMilliseconds(700);
            o.RetryFor = retryFor ?? TimeSpan.FromMinutes(5);
        });
    };

    [Fact]
    public async Task Job_ReceiverDownThenFailingThenSlow_EveryEventArrivesSignedAndVerifies()
    {
        int port = FreePort();
        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromSeconds(90), configure: Webhooks(port));
        HttpClient api = h.Client();
        string url = $"http://127.0.0.1:{port}/hook?token=rcv-secret";
        JsonNode job = await h.JsonAsync(await api.PostAsync("/v1/jobs", ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V(), webhook = url }), h.Token));
        string id = job["id"]!.GetValue<string>();
        job["webhook"]!.GetValue<string>().ShouldNotContain("rcv-secret");
        string secret = (await h.JsonAsync(await api.GetAsync("/v1/webhooks/endpoint", h.Token)))["secret"]!.GetValue<string>();
        await WaitAsync(async () => (await h.JsonAsync(await api.GetAsync($"/v1/jobs/{id}", h.Token)))["state"]!.GetValue<string>() == "completed", h.Token);
        JsonNode pending = await h.JsonAsync(await api.GetAsync($"/v1/jobs/{id}/webhooks", h.Token));
        pending.AsArray().ShouldAllBe(d => d!["state"]!.GetValue<string>() == "pending");
        // The newest event may not have been tried yet (no lastError): at least one tried has been refused.
        pending.AsArray().ShouldContain(d => d!["lastError"] != null && d["lastError"]!.GetValue<string>().Contains("reached"));

        // The receiver comes up: each event first fails with 500, then answers too slowly, then takes it.
        var seen = new ConcurrentDictionary<string, int>();
        var verified = new ConcurrentBag<(string Id, string Type)>();
        await using WebApplication receiver = await ReceiverAsync(port, async context =>
        {
            string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            string msg = context.Request.Headers["webhook-id"].ToString();
            int attempt = seen.AddOrUpdate(msg, 1, (_, n) => n + 1);
            if (attempt == 1)
            {
                context.Response.StatusCode = 500;
                return;
            }

            if (attempt == 2)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
            }

            new StandardWebhook(secret).Verify(body, context.Request.Headers);
            context.Request.Query["token"].ToString().ShouldBe("rcv-secret");
            verified.Add((msg, JsonNode.Parse(body)!["type"]!.GetValue<string>()));
            context.Response.StatusCode = 204;
        });

        await WaitAsync(async () => (await h.JsonAsync(await api.GetAsync($"/v1/jobs/{id}/webhooks", h.Token))).AsArray().All(d => d!["state"]!.GetValue<string>() == "delivered"), h.Token);

        JsonNode deliveries = await h.JsonAsync(await api.GetAsync($"/v1/jobs/{id}/webhooks", h.Token));
        string[] types = [.. deliveries.AsArray().Select(d => d!["eventType"]!.GetValue<string>())];
        types.ShouldContain("job.queued");
        types.ShouldContain("job.processing");
        types.ShouldContain("job.completed");
        verified.Select(v => v.Id).Distinct().Count().ShouldBe(types.Length);
        deliveries.AsArray().ShouldAllBe(d => d!["attempts"]!.GetValue<int>() >= 3);
        (await api.GetAsync("/v1/jobs/" + id + "/webhooks", h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delivery_ReceiverAlwaysFails_DeadLettersThenRedeliversThroughTheApi()
    {
        int port = FreePort();
        bool healthy = false;
        await using WebApplication receiver = await ReceiverAsync(port, context =>
        {
            context.Response.StatusCode = Volatile.Read(ref healthy) ? 200 : 503;
            return Task.CompletedTask;
        });
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true, timeout: TimeSpan.FromSeconds(60), configure: Webhooks(port, retryFor: TimeSpan.FromSeconds(1)));
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        (await alice.PutAsync("/v1/webhooks/endpoint", ServerHarness.Body(new { url = $"http://127.0.0.1:{port}/owner" }), h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        string id = (await h.JsonAsync(await alice.PostAsync("/v1/jobs", ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token)))["id"]!.GetValue<string>();
        await WaitAsync(async () => (await h.JsonAsync(await alice.GetAsync("/v1/webhooks/deliveries?state=dead&job=" + id, h.Token))).AsArray().Any(d => d!["eventType"]!.GetValue<string>() == "job.queued"), h.Token);
        JsonNode dead = (await h.JsonAsync(await alice.GetAsync("/v1/webhooks/deliveries?state=dead&job=" + id, h.Token))).AsArray().First(d => d!["eventType"]!.GetValue<string>() == "job.queued")!;
        dead["lastStatus"]!.GetValue<int>().ShouldBe(503);
        string delivery = dead["id"]!.GetValue<string>();

        (await h.Client(ServerHarness.BobKey).PostAsync($"/v1/webhooks/deliveries/{delivery}/redeliver", null, h.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await h.Client(ServerHarness.BobKey).GetAsync($"/v1/jobs/{id}/webhooks", h.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Volatile.Write(ref healthy, true);
        (await alice.PostAsync($"/v1/webhooks/deliveries/{delivery}/redeliver", null, h.Token)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await WaitAsync(async () => (await h.JsonAsync(await alice.GetAsync($"/v1/jobs/{id}/webhooks", h.Token))).AsArray().Any(d => d!["id"]!.GetValue<string>() == delivery && d["state"]!.GetValue<string>() == "delivered"), h.Token);
    }

    [Fact]
    public async Task GetEndpoint_NoneConfiguredThenSet_200SayingConfiguredFalseThenTrue()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient api = h.Client();

        // A settings page reads this on load: no endpoint is an answer, not a failure.
        HttpResponseMessage none = await api.GetAsync("/v1/webhooks/endpoint", h.Token);
        none.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonObject absent = (await h.JsonAsync(none)).AsObject();
        absent["configured"]!.GetValue<bool>().ShouldBeFalse();
        absent.Count.ShouldBe(1);

        int port = FreePort();
        await using ServerHarness allowed = await ServerHarness.StartAsync(configure: Webhooks(port));
        (await allowed.Client().PutAsync("/v1/webhooks/endpoint", ServerHarness.Body(new { url = $"http://127.0.0.1:{port}/owner" }), allowed.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode set = await allowed.JsonAsync(await allowed.Client().GetAsync("/v1/webhooks/endpoint", allowed.Token));
        set["configured"]!.GetValue<bool>().ShouldBeTrue();
        set["secret"]!.GetValue<string>().ShouldStartWith("whsec_");
    }

    [Fact]
    public async Task SubmitJob_WebhookToLoopbackNotAllowListed_422NamingTheField()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync("/v1/jobs", ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V(), webhook = $"http://127.0.0.1:{FreePort()}/hook" }), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonNode problem = await h.JsonAsync(response);
        problem["errors"]![0]!["path"]!.GetValue<string>().ShouldBe("webhook");
        (await h.JsonAsync(await h.Client().GetAsync("/v1/jobs", h.Token))).AsArray().ShouldBeEmpty();
        (await h.Client().PutAsync("/v1/webhooks/endpoint", ServerHarness.Body(new { url = "http://10.1.2.3/hook" }), h.Token)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<WebApplication> ReceiverAsync(int port, RequestDelegate handle)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        app.Run(handle);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    // Bounded by the harness's deadline token.
    private static async Task WaitAsync(Func<Task<bool>> done, CancellationToken ct)
    {
        while (!await done())
        {
            await Task.Delay(100, ct);
        }
    }
}

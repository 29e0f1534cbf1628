using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// The job store (a real PostgreSQL server of this class's own) stopped under a running server, and a server started
/// while it is down: every request that needs the store answers 503 <c>store_unavailable</c> with Retry-After (never
/// 500), readiness says so, and the server becomes ready and serves again when the store returns.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "PostgreSQL")]
[Collection(Crash.ScaleOutServers.Name)]
public sealed class StoreOutageTests : IAsyncLifetime
{
    private readonly PostgresServer postgres = new();

    public ValueTask InitializeAsync() => postgres.InitializeAsync();

    public ValueTask DisposeAsync() => postgres.DisposeAsync();

    [Fact]
    public async Task Requests_StoreStoppedUnderRunningServer_Answer503WithRetryAfterAndRecover()
    {
        string store = await postgres.CreateDatabaseAsync();
        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromSeconds(120), jobs: o => { o.Store = "postgres"; o.ConnectionString = store; });
        using HttpClient client = h.Client();
        (await client.GetAsync("/health/ready", h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await postgres.StopAsync();

        await ShouldBeStoreUnavailableAsync(await client.GetAsync("/health/ready", h.Token));
        await ShouldBeStoreUnavailableAsync(await client.PostAsync("/v1/jobs", ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token));
        await ShouldBeStoreUnavailableAsync(await client.GetAsync("/v1/jobs", h.Token));

        await postgres.StartAsync();

        await WaitForReadyAsync(client, h.Token);
        HttpResponseMessage accepted = await client.PostAsync("/v1/jobs", ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync(h.Token));
    }

    [Fact]
    public async Task Start_StoreDownAtStart_ServesNotReadyThenBecomesReady()
    {
        string store = await postgres.CreateDatabaseAsync();
        await postgres.StopAsync();

        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromSeconds(120), jobs: o => { o.Store = "postgres"; o.ConnectionString = store; });
        using HttpClient client = h.Client();
        HttpResponseMessage notReady = await client.GetAsync("/health/ready", h.Token);
        notReady.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/health/live", h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeStoreUnavailableAsync(await client.GetAsync("/v1/jobs", h.Token));

        await postgres.StartAsync();

        await WaitForReadyAsync(client, h.Token);
        (await client.GetAsync("/v1/jobs", h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldBeStoreUnavailableAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        response.Headers.RetryAfter.ShouldNotBeNull();
        JsonNode.Parse(body)!["type"]!.GetValue<string>().ShouldBe("urn:videostudio:problem:" + ErrorCodes.StoreUnavailable, body);
    }

    // Bounded by the harness deadline; each probe itself is bounded by the server's 2 s store probe.
    private static async Task WaitForReadyAsync(HttpClient client, CancellationToken token)
    {
        while ((await client.GetAsync("/health/ready", token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(200, token);
        }
    }
}

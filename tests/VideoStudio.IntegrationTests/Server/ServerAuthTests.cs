using System.Net;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>API keys: 401 without one, every job scoped to its key's owner, ?access_token= only where headers cannot be sent.</summary>
public sealed class ServerAuthTests
{
    private static readonly Uri Jobs = new("/v1/jobs", UriKind.Relative);

    private static async Task<string> SubmitAsync(ServerHarness h, HttpClient client) =>
        (await h.JsonAsync(await client.PostAsync(Jobs, ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token)))["id"]!.GetValue<string>();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task ListModels_KeysConfiguredAndNoValidKey_Returns401Problem(string? key)
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);

        HttpResponseMessage response = await h.Client(key).GetAsync(new Uri("/v1/models", UriKind.Relative), h.Token);
        string body = await response.Content.ReadAsStringAsync(h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        body.ShouldNotContain(ServerHarness.AliceKey);
    }

    [Fact]
    public async Task GetJob_OtherOwnersJob_Returns404()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        string id = await SubmitAsync(h, h.Client(ServerHarness.AliceKey));
        HttpClient bob = h.Client(ServerHarness.BobKey);

        HttpResponseMessage get = await bob.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token);
        HttpResponseMessage delete = await bob.DeleteAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token);
        HttpResponseMessage output = await bob.GetAsync(new Uri($"/v1/jobs/{id}/output", UriKind.Relative), h.Token);
        HttpResponseMessage events = await bob.GetAsync(new Uri($"/v1/jobs/{id}/events", UriKind.Relative), h.Token);
        JsonArray bobsJobs = (await h.JsonAsync(await bob.GetAsync(Jobs, h.Token))).AsArray();

        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        output.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        events.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        bobsJobs.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetJob_OwnKey_ReturnsJobOfThatOwner()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        string id = await SubmitAsync(h, alice);

        JsonNode job = await h.JsonAsync(await alice.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));

        job["owner"]!.GetValue<string>().ShouldBe("alice");
    }

    [Fact]
    public async Task WatchJob_AccessTokenQuery_StreamsWithoutHeader()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        string id = await SubmitAsync(h, h.Client(ServerHarness.AliceKey));

        List<JsonNode> events = await ServerJobTests.ReadEventsAsync(h.Client(), $"/v1/jobs/{id}/events?access_token={ServerHarness.AliceKey}", h.Token);

        events[^1]["kind"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task GetJob_AccessTokenQueryOnOrdinaryRoute_Returns401()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        string id = await SubmitAsync(h, h.Client(ServerHarness.AliceKey));

        HttpResponseMessage response = await h.Client().GetAsync(new Uri($"/v1/jobs/{id}?access_token={ServerHarness.AliceKey}", UriKind.Relative), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

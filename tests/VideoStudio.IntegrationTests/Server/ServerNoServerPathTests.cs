using System.Net;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// What a client is sent about a finished job never carries the server's layout: no SSE event and no job answer
/// contains the data directory (outputs are downloaded from <c>GET /v1/jobs/{id}/output</c>, named by file only).
/// </summary>
public sealed class ServerNoServerPathTests
{
    [Fact]
    public async Task FinishedJob_EventsAndAnswers_NeverContainTheDataDirectory()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        string id = (await h.JsonAsync(await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token)))["id"]!.GetValue<string>();

        // Live while it runs, then again once it is finished (the replay starts from the stored job).
        string live = await ReadAllAsync(client, $"/v1/jobs/{id}/events", h.Token);
        string replay = await ReadAllAsync(client, $"/v1/jobs/{id}/events", h.Token);
        string job = await ReadAllAsync(client, $"/v1/jobs/{id}", h.Token);
        string list = await ReadAllAsync(client, "/v1/jobs", h.Token);

        job.ShouldContain("\"completed\"");
        live.ShouldContain("completed");
        string data = Path.GetFullPath(h.DataDirectory);
        foreach ((string what, string text) in new[] { ("live events", live), ("replayed events", replay), ("job", job), ("job list", list) })
        {
            text.ShouldNotContain(data, Case.Insensitive, $"the {what} carry a server path");
        }
    }

    private static async Task<string> ReadAllAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// A model that returns text (<c>x-output.kind</c> <c>text</c>: the prompt optimizer), end to end over real HTTP:
/// the simulator answers the rewritten prompt as <c>outputs[0]</c>, the engine keeps it on the job (and as a .txt
/// file) instead of trying to download it, and the server serves it as text.
/// </summary>
public sealed class ServerTextOutputTests
{
    private const string Model = "wavespeed-ai/prompt-optimizer";

    [Fact]
    public async Task Job_PromptOptimizer_CompletesWithTheTextOnTheJobAndServedAsText()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        var body = new { model = Model, input = new { text = "a cat surfing at sunset", mode = "video", style = "anime" }, maxCostUsd = 1m };

        HttpResponseMessage submitted = await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(body), h.Token);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync(h.Token));
        string id = (await h.JsonAsync(submitted))["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
        HttpResponseMessage output = await client.GetAsync(new Uri($"/v1/jobs/{id}/output", UriKind.Relative), h.Token);

        job["state"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
        JsonNode stored = job["outputs"]!.AsArray().ShouldHaveSingleItem()!;
        string text = stored["text"]!.GetValue<string>();
        text.ShouldStartWith("a cat surfing at sunset, anime style,");
        stored["contentType"]!.GetValue<string>().ShouldBe("text/plain; charset=utf-8");
        stored["localPath"].ShouldBeNull("an answer never carries a server path");
        string path = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(id, "local", h.Token))!.Outputs[0].LocalPath!;
        path.ShouldEndWith(".txt");
        (await File.ReadAllTextAsync(path, h.Token)).ShouldBe(text);
        output.StatusCode.ShouldBe(HttpStatusCode.OK);
        output.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await output.Content.ReadAsStringAsync(h.Token)).ShouldBe(text);
    }
}

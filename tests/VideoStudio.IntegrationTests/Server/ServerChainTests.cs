using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Media;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// One job feeds the next over real HTTP: <c>"video": "job:&lt;id&gt;"</c> is resolved to the stored output (owner-checked),
/// priced from its real duration, uploaded to the provider, recorded as the child's parent, and the chain reports its total.
/// </summary>
public sealed class ServerChainTests
{
    private const string Upscale = "wavespeed-ai/flashvsr";

    private static JsonObject UpscaleOf(string jobId) => new() { ["video"] = "job:" + jobId, ["target_resolution"] = "4k" };

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(ServerHarness h, HttpClient client, string path, object body)
    {
        HttpResponseMessage response = await client.PostAsync(new Uri(path, UriKind.Relative), ServerHarness.Body(body), h.Token);
        return (response.StatusCode, await h.JsonAsync(response));
    }

    [Fact]
    public async Task SubmitJob_OutputOfAFinishedJob_PricedFromItsRealDurationUploadedAndChained()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromSeconds(90));
        HttpClient client = h.Client();
        string parent = await ServerChargeTests.RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());
        JsonNode parentJob = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{parent}", UriKind.Relative), h.Token));
        parentJob["outputs"]![0]!["localPath"].ShouldBeNull("an answer never carries a server path");
        string output = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(parent, "local", h.Token))!.Outputs[0].LocalPath!;
        double seconds = (await h.App.Services.GetRequiredService<IMediaProbe>().ProbeAsync(output, h.Token)).DurationSeconds!.Value;

        (HttpStatusCode estimateStatus, JsonNode estimate) = await PostAsync(h, client, "/v1/estimate", new { model = Upscale, input = UpscaleOf(parent) });
        (HttpStatusCode validStatus, JsonNode validation) = await PostAsync(h, client, "/v1/validate", new { model = Upscale, input = UpscaleOf(parent) });
        string child = await ServerChargeTests.RunAsync(h, client, Upscale, UpscaleOf(parent));
        JsonNode childJob = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{child}", UriKind.Relative), h.Token));
        JsonNode chain = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{child}/chain", UriKind.Relative), h.Token));

        estimateStatus.ShouldBe(HttpStatusCode.OK, estimate.ToJsonString());
        estimate["billedSeconds"]!.GetValue<decimal>().ShouldBe(Math.Max(5m, Math.Ceiling((decimal)seconds)), "billed from the stored output's probed duration");
        validStatus.ShouldBe(HttpStatusCode.OK);
        validation["valid"]!.GetValue<bool>().ShouldBeTrue(validation.ToJsonString());
        childJob["state"]!.GetValue<string>().ShouldBe("completed", childJob.ToJsonString());
        JobRecord stored = (await h.App.Services.GetRequiredService<IJobStore>().FindAsync(child, h.Token))!;
        stored.ProviderInput!["video"]!.GetValue<string>().ShouldStartWith(h.Simulator.BaseUrl, Case.Insensitive, "uploaded to the provider as local media is");
        childJob.AsObject().ContainsKey("providerInput").ShouldBeFalse("the store's provider input is not part of the answer");
        childJob["parents"]!.AsArray().ShouldHaveSingleItem()!["jobId"]!.GetValue<string>().ShouldBe(parent);
        childJob["mediaSeconds"]!["video"]!.GetValue<double>().ShouldBe(seconds, 0.001);
        JsonArray jobs = chain["jobs"]!.AsArray();
        jobs.Select(j => j!["id"]!.GetValue<string>()).ShouldBe([parent, child]);
        chain["totalUsd"]!.GetValue<decimal>().ShouldBe(jobs.Sum(j => j!["costUsd"]!.GetValue<decimal>()));
        chain["totalUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(childJob["finalCostUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Estimate_AnotherOwnersJob_NotFoundExactlyLikeAnUnknownId()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        HttpClient alice = h.Client(ServerHarness.AliceKey), bob = h.Client(ServerHarness.BobKey);
        string alicesJob = await ServerChargeTests.RunAsync(h, alice, ServerHarness.Model, ServerHarness.T2V());

        (HttpStatusCode theirs, JsonNode theirsBody) = await PostAsync(h, bob, "/v1/estimate", new { model = Upscale, input = UpscaleOf(alicesJob) });
        (HttpStatusCode unknown, JsonNode unknownBody) = await PostAsync(h, bob, "/v1/estimate", new { model = Upscale, input = UpscaleOf("job_doesnotexist") });
        (HttpStatusCode submit, JsonNode submitBody) = await PostAsync(h, bob, "/v1/jobs", new { model = Upscale, input = UpscaleOf(alicesJob) });
        HttpResponseMessage chain = await bob.GetAsync(new Uri($"/v1/jobs/{alicesJob}/chain", UriKind.Relative), h.Token);

        theirs.ShouldBe(HttpStatusCode.UnprocessableEntity);
        unknown.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonNode error = theirsBody["errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["code"]!.GetValue<string>().ShouldBe("media_job_not_found");
        error["path"]!.GetValue<string>().ShouldBe("/video");
        error["message"]!.GetValue<string>().Replace(alicesJob, "ID", StringComparison.Ordinal)
            .ShouldBe(unknownBody["errors"]![0]!["message"]!.GetValue<string>().Replace("job_doesnotexist", "ID", StringComparison.Ordinal));
        submit.ShouldBe(HttpStatusCode.UnprocessableEntity);
        submitBody["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("media_job_not_found");
        chain.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        h.Simulator.Stats.TotalSubmissions.ShouldBe(1, "nothing was sent for bob");
    }

    [Fact]
    public async Task Validate_JobNotFinishedYet_InvalidSayingToWait()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(latency: TimeSpan.FromSeconds(20));
        HttpClient client = h.Client();
        JsonNode running = await h.JsonAsync(await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token));

        (HttpStatusCode status, JsonNode validation) = await PostAsync(h, client, "/v1/validate", new { model = Upscale, input = UpscaleOf(running["id"]!.GetValue<string>()) });

        status.ShouldBe(HttpStatusCode.OK);
        validation["valid"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode error = validation["errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["code"]!.GetValue<string>().ShouldBe("media_job_not_finished");
        error["message"]!.GetValue<string>().ShouldContain("wait until it completes");
    }

    [Fact]
    public async Task NextSteps_FinishedVideoJob_ModelsTakingAVideoEachWithTheJobAsInput()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        string id = await ServerChargeTests.RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());

        JsonArray steps = (await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}/next-steps", UriKind.Relative), h.Token))).AsArray();
        JsonArray models = (await h.JsonAsync(await client.GetAsync(new Uri("/v1/models", UriKind.Relative), h.Token))).AsArray();

        JsonNode upscale = steps.Single(s => s!["modelId"]!.GetValue<string>() == Upscale)!;
        upscale["label"]!.GetValue<string>().ShouldBe("Upscale");
        upscale["input"]!["video"]!.GetValue<string>().ShouldBe("job:" + id);
        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Extend");
        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Retake");
        var textOnly = models.Where(m => m!["task"]!.GetValue<string>() == "text-to-video").Select(m => m!["id"]!.GetValue<string>()).ToHashSet();
        steps.ShouldAllBe(s => !textOnly.Contains(s!["modelId"]!.GetValue<string>()), "a text-to-video model takes no video");
    }
}

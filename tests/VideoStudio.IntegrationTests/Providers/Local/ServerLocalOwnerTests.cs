using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Jobs;
using VideoStudio.IntegrationTests.Server;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// Local work on a shared server, as two owners meet it: an operation reads only its caller's uploads and jobs
/// (another owner's job id, upload id or the local adapter's own URL is refused, and nothing is created), and free
/// work runs for an owner whose daily cap leaves nothing for a paid job.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerLocalOwnerTests
{
    [Fact]
    public async Task SubmitJob_AnotherOwnersJobOrUploadOrTheAdaptersUrl_RefusedAndNothingCreated()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        HttpClient bob = h.Client(ServerHarness.BobKey);
        string upload = await UploadAsync(h, alice);
        string trimmed = await ServerChargeTests.RunAsync(h, alice, "videostudio/edit/trim", new JsonObject { ["video"] = upload, ["start"] = 1, ["end"] = 3 });
        JsonNode done = await h.JsonAsync(await alice.GetAsync(new Uri($"/v1/jobs/{trimmed}", UriKind.Relative), h.Token));
        done["state"]!.GetValue<string>().ShouldBe("completed", done.ToJsonString());
        string adapterUrl = done["outputs"]![0]!["remoteUrl"]!.GetValue<string>();

        foreach (string video in new[] { "job:" + trimmed, upload, adapterUrl, "/etc/hostname" })
        {
            HttpResponseMessage answer = await bob.PostAsync(new Uri("/v1/jobs", UriKind.Relative),
                ServerHarness.Body(new { model = "videostudio/edit/trim", input = new JsonObject { ["video"] = video, ["start"] = 0, ["end"] = 1 } }), h.Token);
            JsonNode problem = await h.JsonAsync(answer);

            ((int)answer.StatusCode).ShouldBeInRange(400, 499, $"{video}: {problem.ToJsonString()}");
            problem.ToJsonString().ShouldContain("/video", Case.Sensitive, video);
            problem.ToJsonString().ShouldNotContain(h.DataDirectory, Case.Sensitive, "no server path in a refusal");
        }

        JsonNode bobsJobs = await h.JsonAsync(await bob.GetAsync(new Uri("/v1/jobs", UriKind.Relative), h.Token));
        bobsJobs.ToJsonString().ShouldNotContain("job_", Case.Sensitive, "bob has no jobs: nothing was created");
        (await bob.GetAsync(new Uri($"/v1/jobs/{trimmed}", UriKind.Relative), h.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SubmitJob_DailyCapTooSmallForPaidWork_FreeWorkStillRunsAndHoldsNothing()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true, jobs: o => o.Owners["alice"] = new OwnerLimits { DailyCapUsd = 0.01m });
        HttpClient alice = h.Client(ServerHarness.AliceKey);
        string upload = await UploadAsync(h, alice);

        HttpResponseMessage paid = await alice.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        string free = await ServerChargeTests.RunAsync(h, alice, "videostudio/edit/poster", new JsonObject { ["video"] = upload, ["at_seconds"] = 1 });
        JsonNode job = await h.JsonAsync(await alice.GetAsync(new Uri($"/v1/jobs/{free}", UriKind.Relative), h.Token));

        ((int)paid.StatusCode).ShouldBeInRange(400, 499, "the cap refuses paid work");
        job["state"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
        job["estimateUsd"]!.GetValue<decimal>().ShouldBe(0m);
        job["runBy"]!.GetValue<string>().ShouldBe("local");
    }

    private static async Task<string> UploadAsync(ServerHarness h, HttpClient client)
    {
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"), h.Token));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        HttpResponseMessage response = await client.PostAsync(new Uri("/v1/uploads", UriKind.Relative), new MultipartFormDataContent { { file, "file", "clip.mp4" } }, h.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await h.JsonAsync(response))["id"]!.GetValue<string>();
    }
}

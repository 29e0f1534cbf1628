using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.IntegrationTests.Server;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// The local operations in the server, as a creator meets them: text-to-video, upscale and extend, then the finished
/// video job offers the free next steps, and the Reel preset on its output runs as an ordinary job of the local
/// provider, free, with its spend untouched, and a poster frame of the Reel after it; the chain shows three paid steps
/// and two free.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerLocalChainTests
{
    [Fact]
    public async Task NextSteps_FinishedVideoJob_OffersTheFreeStepsAndTheReelAndItsPosterRunLocallyForFree()
    {
        // Five jobs, three of them FFmpeg runs at 1080x1920 (the simulator's, the Reel, its poster): room on a loaded machine.
        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromMinutes(4));
        HttpClient client = h.Client();
        string clip = await ServerChargeTests.RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());
        string upscaled = await ServerChargeTests.RunAsync(h, client, "wavespeed-ai/flashvsr", new JsonObject { ["video"] = "job:" + clip, ["target_resolution"] = "2k" });
        string parent = await ServerChargeTests.RunAsync(h, client, "alibaba/wan-2.5/video-extend",
            new JsonObject { ["video"] = "job:" + upscaled, ["prompt"] = "the boat sails on", ["resolution"] = "1080p", ["duration"] = 5 });
        JsonNode spentBefore = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));

        JsonArray steps = (await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{parent}/next-steps", UriKind.Relative), h.Token))).AsArray();
        JsonNode reel = steps.Single(s => s!["label"]!.GetValue<string>() == "Make a 9:16 Reel")!;
        string id = await ServerChargeTests.RunAsync(h, client, reel["modelId"]!.GetValue<string>(), reel["input"]!.AsObject());
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
        string poster = await ServerChargeTests.RunAsync(h, client, "videostudio/edit/poster", new JsonObject { ["video"] = "job:" + id, ["at_seconds"] = 1 });
        JsonNode posterJob = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{poster}", UriKind.Relative), h.Token));
        JsonNode spentAfter = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));
        JsonNode chain = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{poster}/chain", UriKind.Relative), h.Token));

        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Trim");
        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Join with…");
        reel["input"]!["video"]!.GetValue<string>().ShouldBe("job:" + parent);
        job["state"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
        job["runBy"]!.GetValue<string>().ShouldBe("local");
        job["estimateUsd"]!.GetValue<decimal>().ShouldBe(0m);
        job["outputs"]![0]!["localPath"].ShouldBeNull("an answer never carries a server path");
        job["outputs"]![0]!["remoteUrl"]!.GetValue<string>().ShouldStartWith("local://tasks/", Case.Sensitive, "the local adapter's URL is opaque");
        string path = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(id, "local", h.Token))!.Outputs[0].LocalPath!;
        Engine.Providers.Local.MediaFacts reelFacts = await LocalMedia.ProbeAsync(path);
        MediaFactsOf(reelFacts).ShouldBe((1080, 1920, "h264"));
        Engine.Providers.Local.Operations.SocialPreset.All["instagram-reels"].Check(reelFacts).ShouldBeNull("the Reel meets its preset");
        posterJob["state"]!.GetValue<string>().ShouldBe("completed", posterJob.ToJsonString());
        string posterPath = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(poster, "local", h.Token))!.Outputs[0].LocalPath!;
        MediaFactsOf(await LocalMedia.ProbeAsync(posterPath)).ShouldBe((1080, 1920, "mjpeg"), "a poster frame of the Reel");
        spentAfter["today"]!["totalUsd"]!.GetValue<decimal>().ShouldBe(spentBefore["today"]!["totalUsd"]!.GetValue<decimal>(), "free work adds nothing to the spend");
        spentAfter["thisMonth"]!["totalUsd"]!.GetValue<decimal>().ShouldBe(spentBefore["thisMonth"]!["totalUsd"]!.GetValue<decimal>());
        job["costSource"]!.GetValue<string>().ShouldBe("free", "free work is exact, never a provider's billing record");
        job["charge"].ShouldBeNull("no provider bills local work, so none is asked");
        JsonArray jobs = chain["jobs"]!.AsArray();
        jobs.Select(j => j!["id"]!.GetValue<string>()).ShouldBe([clip, upscaled, parent, id, poster]);
        jobs.Take(3).ShouldAllBe(j => j!["costUsd"]!.GetValue<decimal>() > 0m);
        jobs.Skip(3).ShouldAllBe(j => j!["costUsd"]!.GetValue<decimal>() == 0m);
        chain["totalUsd"]!.GetValue<decimal>().ShouldBe(jobs.Take(3).Sum(j => j!["costUsd"]!.GetValue<decimal>()), "the free steps add nothing");
    }

    private static (int Width, int Height, string? Codec) MediaFactsOf(Engine.Providers.Local.MediaFacts facts) => (facts.Width, facts.Height, facts.VideoCodec);
}

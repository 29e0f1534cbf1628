using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.IntegrationTests.Server;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// The local operations in the server, as a creator meets them: a finished video job offers the free next steps, and
/// the Reel preset on its output runs as an ordinary job of the local provider, free, with its spend untouched.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerLocalChainTests
{
    [Fact]
    public async Task NextSteps_FinishedVideoJob_OffersTheFreeStepsAndTheReelRunsLocallyForFree()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        string parent = await ServerChargeTests.RunAsync(h, client, ServerHarness.Model, ServerHarness.T2V());
        JsonNode spentBefore = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));

        JsonArray steps = (await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{parent}/next-steps", UriKind.Relative), h.Token))).AsArray();
        JsonNode reel = steps.Single(s => s!["label"]!.GetValue<string>() == "Make a 9:16 Reel")!;
        string id = await ServerChargeTests.RunAsync(h, client, reel["modelId"]!.GetValue<string>(), reel["input"]!.AsObject());
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
        JsonNode spentAfter = await h.JsonAsync(await client.GetAsync(new Uri("/v1/spend", UriKind.Relative), h.Token));

        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Trim");
        steps.Select(s => s!["label"]!.GetValue<string>()).ShouldContain("Join with…");
        reel["input"]!["video"]!.GetValue<string>().ShouldBe("job:" + parent);
        job["state"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
        job["runBy"]!.GetValue<string>().ShouldBe("local");
        job["estimateUsd"]!.GetValue<decimal>().ShouldBe(0m);
        job["outputs"]![0]!["localPath"].ShouldBeNull("an answer never carries a server path");
        job["outputs"]![0]!["remoteUrl"]!.GetValue<string>().ShouldStartWith("local://tasks/", Case.Sensitive, "the local adapter's URL is opaque");
        string path = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(id, "local", h.Token))!.Outputs[0].LocalPath!;
        MediaFactsOf(await LocalMedia.ProbeAsync(path)).ShouldBe((1080, 1920, "h264"));
        spentAfter["today"]!["totalUsd"]!.GetValue<decimal>().ShouldBe(spentBefore["today"]!["totalUsd"]!.GetValue<decimal>(), "free work adds nothing to the spend");
        spentAfter["thisMonth"]!["totalUsd"]!.GetValue<decimal>().ShouldBe(spentBefore["thisMonth"]!["totalUsd"]!.GetValue<decimal>());
    }

    private static (int Width, int Height, string? Codec) MediaFactsOf(Engine.Providers.Local.MediaFacts facts) => (facts.Width, facts.Height, facts.VideoCodec);
}

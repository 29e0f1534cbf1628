using System.Diagnostics;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>
/// From a prompt to a platform-ready clip without leaving the product (real CLI processes, the embedded simulator
/// for the paid steps, FFmpeg for the free ones): text-to-video, upscale, extend, then the Reels preset on that, then
/// a poster frame of the Reel; the chain shows the paid and the free steps with the total.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CliLocalChainTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "videostudio-cli-local-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_TextToVideoUpscaleExtendThenReelsPresetThenPoster_PlatformReadyWithAFreeChainTotal()
    {
        CliRun.Outcome clip = await CliRun.RunAsync(data, "generate", "ltx-2-fast-t2v", "--input", """{"prompt":"a paper boat","duration":6}""", "--json");
        clip.ExitCode.ShouldBe(0, clip.StandardError);
        CliRun.Outcome upscaled = await CliRun.RunAsync(data, "generate", "flashvsr", "--input", $$"""{"video":"job:{{clip.Json["id"]!.GetValue<string>()}}","target_resolution":"2k"}""", "--json");
        upscaled.ExitCode.ShouldBe(0, upscaled.StandardError + upscaled.StandardOutput);
        CliRun.Outcome extended = await CliRun.RunAsync(data, "generate", "alibaba/wan-2.5/video-extend", "--input",
            $$"""{"video":"job:{{upscaled.Json["id"]!.GetValue<string>()}}","prompt":"the boat sails on","resolution":"1080p","duration":5}""", "--json");
        extended.ExitCode.ShouldBe(0, extended.StandardError + extended.StandardOutput);
        string parent = extended.Json["id"]!.GetValue<string>();

        CliRun.Outcome reel = await CliRun.RunAsync(data, "generate", "videostudio/edit/social", "--input", $$"""{"video":"job:{{parent}}","platform":"instagram-reels"}""", "--json");
        reel.ExitCode.ShouldBe(0, reel.StandardError + reel.StandardOutput);
        string reelId = reel.Json["id"]!.GetValue<string>();
        CliRun.Outcome poster = await CliRun.RunAsync(data, "generate", "videostudio/edit/poster", "--input", $$"""{"video":"job:{{reelId}}","at_seconds":1}""", "--json");
        poster.ExitCode.ShouldBe(0, poster.StandardError + poster.StandardOutput);
        CliRun.Outcome chain = await CliRun.RunAsync(data, "jobs", "chain", poster.Json["id"]!.GetValue<string>(), "--json");
        CliRun.Outcome table = await CliRun.RunAsync(data, "jobs", "chain", poster.Json["id"]!.GetValue<string>());

        reel.Json["costUsd"]!.GetValue<decimal>().ShouldBe(0m);
        MediaFacts facts = await ProbeAsync(reel.Json["outputPath"]!.GetValue<string>());
        (facts.Width, facts.Height, facts.VideoCodec).ShouldBe((1080, 1920, "h264"));
        Engine.Providers.Local.Operations.SocialPreset.All["instagram-reels"].Check(facts).ShouldBeNull();
        (await ProbeAsync(poster.Json["outputPath"]!.GetValue<string>())).Width.ShouldBe(1080);
        JsonArray jobs = chain.Json["jobs"]!.AsArray();
        jobs.Select(j => j!["modelId"]!.GetValue<string>()).ShouldBe(
            ["lightricks/ltx-2-fast/text-to-video", "wavespeed-ai/flashvsr", "alibaba/wan-2.5/video-extend", "videostudio/edit/social", "videostudio/edit/poster"]);
        jobs.Take(3).ShouldAllBe(j => j!["costUsd"]!.GetValue<decimal>() > 0m, "the model calls are paid");
        jobs.Skip(3).ShouldAllBe(j => j!["costUsd"]!.GetValue<decimal>() == 0m && j["costSource"]!.GetValue<string>() == "free", "the free steps cost nothing and say so");
        chain.Json["totalUsd"]!.GetValue<decimal>().ShouldBe(jobs.Take(3).Sum(j => j!["costUsd"]!.GetValue<decimal>()), "the free steps add nothing to the total");
        table.StandardOutput.ShouldContain("3 paid step(s), 2 free");
    }

    private static async Task<MediaFacts> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-v", "error", "-print_format", "json", "-show_streams", "-show_format", path })
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string json = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return MediaFacts.Parse(json, new FileInfo(path).Length);
    }
}

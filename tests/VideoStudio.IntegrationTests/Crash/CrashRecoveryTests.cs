using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// SIGKILL the real CLI at each step of a paid job, then resume it from the same store against the same simulator
/// process: the job must end Completed, paid for exactly once, with a whole output file. Each step is reached
/// deterministically by slowing exactly that phase with a simulator fault and watching the store and the
/// simulator's stats — no hooks in the engine.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "ChildProcess")]
[Collection(CrashCollection.Name)]
public sealed class CrashRecoveryTests
{
    private const string TextModel = "lightricks/ltx-2-fast/text-to-video";
    private const string UpscaleModel = "wavespeed-ai/flashvsr";

    // Tasks take the model's expected time × 0.03 (a few seconds): long enough to be caught mid-processing.
    private const double LatencyScale = 0.03;

    [Fact]
    public async Task Generate_KilledBeforeThePost_ResumeUploadsAndSubmitsOnce()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(LatencyScale);
        string clip = Path.Combine(h.DataDirectory, "input.mp4");
        await File.WriteAllBytesAsync(clip, SampleClip(), h.Token);
        // The upload hangs, so the client is still before the write-ahead Submitting record when it dies.
        await h.AddFaultAsync(FaultRule.Delay(FaultTarget.Upload, 30_000));
        ChildProcess client = h.StartGenerate(UpscaleModel, new JsonObject { ["video"] = clip, ["target_resolution"] = "1080p" }, "crash-a");

        await h.WaitForJobAsync(JobState.Uploading, client: client);
        await client.KillAsync();
        (await h.StatsAsync())["total_submissions"]!.GetValue<int>().ShouldBe(0);

        await h.ResumeAsync();

        JobRecord job = await h.AssertSingleCompletedJobAsync();
        job.ProviderInput!["video"]!.GetValue<string>().ShouldStartWith(h.BaseUrl);
    }

    [Fact]
    public async Task Generate_KilledAfterTheServerAcceptedThePost_ResumeAdoptsTheTaskFromHistory()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(LatencyScale);
        // The task is stored and charged, then the answer (with its id) is held back: the client dies not knowing it.
        await h.AddFaultAsync(FaultRule.DelayAfterAccept(30_000));
        ChildProcess client = h.StartGenerate(TextModel, Prompt(), "crash-b");

        JobRecord before = await h.WaitForJobAsync(JobState.Submitting, (_, stats) => stats["total_submissions"]!.GetValue<int>() == 1, client);
        await client.KillAsync();
        before.PredictionId.ShouldBeNull();

        await h.ResumeAsync();

        JobRecord job = await h.AssertSingleCompletedJobAsync();
        job.Transitions.Select(t => t.State).ShouldContain(JobState.Submitting);
    }

    [Fact]
    public async Task Generate_KilledWhilePolling_ResumePollsTheSameTask()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(LatencyScale);
        ChildProcess client = h.StartGenerate(TextModel, Prompt(), "crash-c");

        JobRecord before = await h.WaitForJobAsync(JobState.Processing, client: client);
        await client.KillAsync();
        before.PredictionId.ShouldNotBeNull();
        (await h.StatsAsync())["output_gets"]!.GetValue<int>().ShouldBe(0);

        await h.ResumeAsync();

        JobRecord job = await h.AssertSingleCompletedJobAsync();
        job.PredictionId.ShouldBe(before.PredictionId);
    }

    [Fact]
    public async Task Generate_KilledWhileDownloading_ResumeDownloadsAWholeFile()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(LatencyScale);
        // ~90 KB rendered (~56 KB sample without ffmpeg) at 4 KB/s: the download is open for 14-22 s.
        await h.AddFaultAsync(FaultRule.SlowDownload(4096));
        ChildProcess client = h.StartGenerate(TextModel, Prompt(), "crash-d");

        // Wait until the body is streaming into the part file (the GET was answered), then die mid-transfer.
        JobRecord before = await h.WaitForJobAsync(JobState.Downloading,
            (job, stats) => stats["output_gets"]!.GetValue<int>() == 1 && job.Outputs.Count == 1 && PartFiles(job.Outputs[0].LocalPath!).Length == 1, client);
        await Task.Delay(TimeSpan.FromSeconds(1), h.Token);
        await client.KillAsync();
        string path = before.Outputs[0].LocalPath!;
        File.Exists(path).ShouldBeFalse("a partial download must never sit under the final name");
        new FileInfo(PartFiles(path).Single()).Length.ShouldBeLessThan(SampleClip().Length);

        await h.ResumeAsync();

        JobRecord job = await h.AssertSingleCompletedJobAsync();
        job.Outputs[0].LocalPath.ShouldBe(path);
    }

    private static JsonObject Prompt() => new() { ["prompt"] = "a paper boat drifting down a gutter stream", ["duration"] = 6 };

    private static byte[] SampleClip()
    {
        using Stream stream = typeof(SimulatorServer).Assembly.GetManifestResourceStream("VideoStudio.Simulator.sample.mp4")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // The download streams into "<destination>.lease-<token>.part": beside the destination, never under its name.
    private static string[] PartFiles(string destination) =>
        Directory.Exists(Path.GetDirectoryName(destination)) ? Directory.GetFiles(Path.GetDirectoryName(destination)!, Path.GetFileName(destination) + "*.part") : [];
}

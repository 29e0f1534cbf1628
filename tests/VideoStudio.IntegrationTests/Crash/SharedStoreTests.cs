using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// Many real processes on one SQLite data directory and one simulator process: a server and CLI commands
/// cooperate through leases, and however they race or die, every job is settled and paid for exactly once. Each
/// job has its own prompt, so the simulator's submissions map one to one onto jobs.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "ChildProcess")]
[Collection(CrashCollection.Name)]
public sealed class SharedStoreTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    [Fact]
    public async Task Resume_TwoAtOnceAfterTheServerWasKilledMidRun_EveryJobSettledAndSubmittedOnce()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(latencyScale: 0.05, timeout: TimeSpan.FromSeconds(150));
        (ChildProcess server, string url) = await h.StartServerAsync(maxConcurrentJobs: 8);
        var ids = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            ids.Add(await h.SubmitToServerAsync(url, Model, Input($"server job {i}")));
        }

        // Killed with jobs queued, at the provider, and done.
        await h.WaitUntilAsync(async () => (await h.StatsAsync())["total_submissions"]!.GetValue<int>() >= 10, "ten submissions");
        await server.KillAsync();

        ChildProcess first = h.StartCli("jobs", "resume");
        ChildProcess second = h.StartCli("jobs", "resume");
        (await first.WaitForExitAsync(h.Token)).ShouldBe(0, first.StandardError);
        (await second.WaitForExitAsync(h.Token)).ShouldBe(0, second.StandardError);

        await AssertEachSubmittedOnceAsync(h, 24);
        (first.StandardError + second.StandardError).ShouldNotContain("Unhandled");
    }

    [Fact]
    public async Task Generate_BesideARunningServerWithQueuedJobs_TakesNoneOfThemAndEverythingIsSubmittedOnce()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(latencyScale: 0.05, timeout: TimeSpan.FromSeconds(150));
        (ChildProcess server, string url) = await h.StartServerAsync(maxConcurrentJobs: 2);
        for (int i = 0; i < 10; i++)
        {
            await h.SubmitToServerAsync(url, Model, Input($"server job {i}"));
        }

        ChildProcess generate = h.StartGenerate(Model, Input("the CLI's own job"), "cli-1");
        (await generate.WaitForExitAsync(h.Token)).ShouldBe(0, generate.StandardError);

        await h.WaitUntilAsync(async () => (await h.JobsAsync()).All(j => j.IsTerminal), "every job to finish on the server");
        await AssertEachSubmittedOnceAsync(h, 11);
        server.HasExited.ShouldBeFalse(server.StandardError);
    }

    [Fact]
    public async Task Cancel_FromTheCliForAJobTheServerRuns_TheServerStopsItThroughTheStore()
    {
        // Tasks take the model's full expected time, so the first holds the only slot while the second waits.
        await using CrashHarness h = await CrashHarness.StartAsync(latencyScale: 1.0, timeout: TimeSpan.FromSeconds(90));
        (ChildProcess server, string url) = await h.StartServerAsync(maxConcurrentJobs: 1);
        string first = await h.SubmitToServerAsync(url, Model, Input("runs first"));
        // Both jobs race for the one slot from their own background tasks: the second is sent only once the first holds it.
        for (int i = 0; i < 200 && (await h.JobsAsync()).Single(j => j.Id == first).State is JobState.Queued; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), h.Token);
        }

        string queued = await h.SubmitToServerAsync(url, Model, Input("waits, then is cancelled"));

        ChildProcess cancel = h.StartCli("jobs", "cancel", queued);
        (await cancel.WaitForExitAsync(h.Token)).ShouldBe(0, cancel.StandardError);

        cancel.StandardOutput.ShouldContain("Cancelled");
        JobRecord job = (await h.JobsAsync()).Single(j => j.Id == queued);
        job.State.ShouldBe(JobState.Cancelled);
        job.Error!.Message.ShouldContain("nothing was charged");
        server.HasExited.ShouldBeFalse();
    }

    private static JsonObject Input(string prompt) => new() { ["prompt"] = prompt, ["duration"] = 6 };

    // Every job is settled: Completed, or (a POST cut off by the kill before it left) waiting for a decision with
    // no prediction. The simulator saw exactly one submission per submitted job, and each is that job's prediction.
    private static async Task AssertEachSubmittedOnceAsync(CrashHarness h, int jobs)
    {
        IReadOnlyList<JobRecord> stored = await h.JobsAsync();
        stored.Count.ShouldBe(jobs);
        foreach (JobRecord job in stored)
        {
            (job.State == JobState.Completed || job is { State: JobState.NeedsDecision, PredictionId: null }).ShouldBeTrue($"{job.Id} is {job.State}: {job.Error?.Message}");
        }

        JsonObject stats = await h.StatsAsync();
        JsonArray submissions = stats["submissions"]!.AsArray();
        string[] prompts = [.. submissions.Select(s => s!["input"]!["prompt"]!.GetValue<string>())];
        prompts.Distinct().Count().ShouldBe(prompts.Length, $"a job was submitted twice: {string.Join(", ", prompts.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key))}");
        stats["total_submissions"]!.GetValue<int>().ShouldBe(stored.Count(j => j.PredictionId is not null));
        string[] predictions = [.. submissions.Select(s => s!["id"]!.GetValue<string>())];
        stored.Where(j => j.PredictionId is not null).Select(j => j.PredictionId!).ShouldBe(predictions, ignoreOrder: true);
    }
}

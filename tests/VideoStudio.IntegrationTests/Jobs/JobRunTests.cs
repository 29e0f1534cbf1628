using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Media;
using VideoStudio.Simulator;
using static VideoStudio.Engine.Presentation.ApiViews;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>Whole jobs over real loopback HTTP against the simulator, including every fault mode.</summary>
public sealed class JobRunTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    [Fact]
    public async Task Run_HappyPath_OneSubmissionAndCompletePlayableOutput()
    {
        await using JobHarness h = await JobHarness.StartAsync();

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
        JobOutput output = job.Outputs.ShouldHaveSingleItem();
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output.LocalPath!, h.Token))).ShouldBe(output.Sha256);
        MediaInfo info = await new TagLibMediaProbe().ProbeAsync(output.LocalPath!, h.Token);
        info.Kind.ShouldBe(MediaKind.Video);
        info.DurationSeconds!.Value.ShouldBeGreaterThan(1);
        job.FinalCostUsd.ShouldBe(0.04m);
        job.Transitions.Select(t => t.State).ShouldBe([JobState.Queued, JobState.Submitting, JobState.Processing, JobState.Downloading, JobState.Completed]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Run_SubmitAnswers5xx_ReconciledFromHistoryAndNeverResent(int status)
    {
        // A server error after the POST arrived is ambiguous: the history decides, and here it shows no task.
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Submit, status, count: 1));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.NeedsDecision, job.Error?.Message);
        job.Error!.Code.ShouldBe(ErrorCodes.OutcomeUnknown);
        (await h.StoredAsync(job)).SubmitAttempts.ShouldBe(1);
        // The fault fires once: a re-send would have created a task.
        h.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Run_SubmitRefusedWithNothingCreated_SubmittedAgainAndCompletes(int status)
    {
        await using JobHarness h = await JobHarness.StartAsync(configure: o => o.SubmitRetryDelay = TimeSpan.FromMilliseconds(100));
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Submit, status, count: 2));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        job.Error.ShouldBeNull();
        (await h.StoredAsync(job)).SubmitAttempts.ShouldBe(3);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
        job.Transitions.Count(t => t.State == JobState.Queued).ShouldBe(3); // queued, then back to the queue after each refusal
    }

    [Fact]
    public async Task Run_SubmitRefusedPastRetryTimeout_FailsWithTheRefusalAndCostsNothing()
    {
        await using JobHarness h = await JobHarness.StartAsync(configure: o =>
        {
            o.SubmitRetryDelay = TimeSpan.FromMilliseconds(100);
            o.SubmitRetryTimeout = TimeSpan.FromSeconds(4); // room for a few refusals on a loaded machine (a POST can take a second there)
        });
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Submit, 401, count: null));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Failed);
        job.Error!.Code.ShouldBe(ErrorCodes.ProviderAuth);
        (await h.StoredAsync(job)).SubmitAttempts.ShouldBeGreaterThan(1);
        job.FinalCostUsd.ShouldBe(0m);
        h.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Fact]
    public async Task Run_ConnectionDroppedAfterAccept_ReconciledFromHistoryNotDuplicated()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.DropAfterAccept(count: 1));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
        job.PredictionId.ShouldBe(h.Server.Stats.Submissions[0].PredictionId);
    }

    [Fact]
    public async Task Run_ResultPollsFail5xxAnd429_RetriedUntilCompleted()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.ResultPoll, 503, count: 2));
        h.Server.Faults.Add(FaultRule.RateLimited(FaultTarget.ResultPoll, retryAfterSeconds: 1, count: 1));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        h.Server.Stats.ResultGetsFor(job.PredictionId!).ShouldBeGreaterThanOrEqualTo(4);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    [Theory]
    [InlineData(1200, ErrorCodes.Moderation)]
    [InlineData(1403, ErrorCodes.ProviderFailure)]
    public async Task Run_TaskFailsWithCode_JobFailsWithItsStableCodeQuotingTheProvidersAndCostsNothing(int taskCode, string expected)
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.FailTask(taskCode));

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Failed);
        job.Error!.Code.ShouldBe(expected);
        job.Error.Message.ShouldContain($"(code {taskCode})");
        job.FinalCostUsd.ShouldBe(0m);
    }

    [Fact]
    public async Task Run_DownloadBreaksMidway_ResumesAndFileMatches()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        JobView clean = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        h.Server.Faults.Add(FaultRule.BreakDownload(afterBytes: 10_000, count: 2));

        JobView broken = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        broken.State.ShouldBe(JobState.Completed, broken.Error?.Message);
        broken.Outputs[0].Sha256.ShouldBe(clean.Outputs[0].Sha256);
        broken.Outputs[0].SizeBytes.ShouldBe(clean.Outputs[0].SizeBytes);
        File.Exists(broken.Outputs[0].LocalPath + ".part").ShouldBeFalse();
    }

    [Fact]
    public async Task Run_OutputExpired_FailsSayingWhereTheResultIs()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.ExpireOutput());

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));

        job.State.ShouldBe(JobState.Failed);
        job.Error!.Code.ShouldBe(ErrorCodes.DownloadFailed);
        job.Error.Message.ShouldContain(job.PredictionId!);
    }

    [Fact]
    public async Task Cancel_WhileProcessing_StopsPolling()
    {
        await using JobHarness h = await JobHarness.StartAsync(latency: TimeSpan.FromSeconds(60));
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
        while ((await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!.State != JobState.Processing)
        {
            await Task.Delay(50, h.Token);
        }

        JobView cancelled = await h.Jobs.CancelAsync(job.Id, job.Owner, h.Token);
        int polls = h.Server.Stats.ResultGetsFor(cancelled.PredictionId!);
        await Task.Delay(1500, h.Token);

        cancelled.State.ShouldBe(JobState.Cancelled);
        h.Server.Stats.ResultGetsFor(cancelled.PredictionId!).ShouldBe(polls);
    }

    [Fact]
    public async Task Cancel_WhileSubmissionInFlight_WaitsForTheAnswerAndKeepsThePredictionIdAndItsCost()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.DelayAfterAccept(1500, count: 1));
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
        while (h.Server.Stats.TotalSubmissions == 0)
        {
            await Task.Delay(20, h.Token);
        }

        // A cancel lands between steps: the POST in flight is never cut short, so its prediction id is known first.
        JobView cancelled = await h.Jobs.CancelAsync(job.Id, job.Owner, h.Token);

        cancelled.State.ShouldBe(JobState.Cancelled);
        cancelled.PredictionId.ShouldBe(h.Server.Stats.Submissions.ShouldHaveSingleItem().PredictionId);
        cancelled.Error!.Message.ShouldContain($"Stopped watching prediction {cancelled.PredictionId}");
        (await h.Jobs.GetSpendAsync(JobHarness.Owner, h.Token)).Today.SettledUsd.ShouldBe(job.EstimateUsd!.Value);
    }

    [Fact]
    public async Task Cancel_WhileSubmissionInFlightThenRefused_EndsWithTheRefusalAndChargesNothing()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.Delay(FaultTarget.Submit, 1500, count: 1));
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Submit, 400, count: 1));
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
        while ((await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!.State != JobState.Submitting)
        {
            await Task.Delay(20, h.Token);
        }

        decimal heldWhileInFlight = (await h.Jobs.GetSpendAsync(JobHarness.Owner, h.Token)).Today.TotalUsd;
        JobView settled = await h.Jobs.CancelAsync(job.Id, job.Owner, h.Token);

        heldWhileInFlight.ShouldBe(job.HoldUsd!.Value);
        settled.State.ShouldBe(JobState.Failed); // the provider's refusal settled the job before the cancel could
        settled.Error!.Code.ShouldBe(ErrorCodes.ProviderRejectedInput);
        settled.FinalCostUsd.ShouldBe(0m);
        (await h.Jobs.GetSpendAsync(JobHarness.Owner, h.Token)).Today.TotalUsd.ShouldBe(0m);
        h.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_RacingTheSubmissionPath_EndsCancelledAndNeverFails()
    {
        await using JobHarness h = await JobHarness.StartAsync(timeout: TimeSpan.FromSeconds(120)); // the wait below is bounded by 60 s
        JobView[] jobs = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => h.SubmitAsync(Model, JobHarness.T2V())));

        // Cancels land at every point of the submission path: queued, uploading, submitting, just adopted.
        JobView[] cancelled = await Task.WhenAll(jobs.Select(async (j, i) =>
        {
            await Task.Delay(i * 15, h.Token);
            return await h.Jobs.CancelAsync(j.Id, j.Owner, h.Token);
        }));
        // A cancel answers the job as it stands once its holder acted or its patience ran out (a POST in flight is
        // waited for, longer on a loaded machine): every job then ends by itself, cancelled or completed, never failed.
        JobView[] stored = [];
        for (DateTimeOffset until = DateTimeOffset.UtcNow.AddSeconds(60); DateTimeOffset.UtcNow < until;)
        {
            stored = await Task.WhenAll(jobs.Select(async j => (await h.Jobs.GetAsync(j.Id, j.Owner, h.Token))!));
            if (stored.All(j => j.State is JobState.Cancelled or JobState.Completed or JobState.Failed or JobState.NeedsDecision))
            {
                break;
            }

            await Task.Delay(200, h.Token);
        }

        stored.ShouldAllBe(j => j.State == JobState.Cancelled || j.State == JobState.Completed, string.Join(", ", stored.Select(j => $"{j.Id}: {j.State} {j.Error?.Message}")));
        stored.Where((j, i) => cancelled[i].State is JobState.Cancelled or JobState.Completed).Select(j => j.State)
            .ShouldBe(cancelled.Where(j => j.State is JobState.Cancelled or JobState.Completed).Select(j => j.State), "a cancel's final answer is what stays");
        stored.Count(j => j.State == JobState.Cancelled).ShouldBeGreaterThan(0, "the early cancels land before anything is sent");
        h.Server.Stats.Submissions.Select(s => s.PredictionId).ShouldBeSubsetOf(stored.Select(j => j.PredictionId));
    }

    [Fact]
    public async Task Submit_OverMaxCost_RefusedBeforeAnyUploadOrSubmission()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        string clip = await SampleClipAsync(h);
        var input = new JsonObject { ["video"] = clip, ["target_resolution"] = "4k" };
        (int uploads, int submissions) = (h.Server.Stats.Uploads, h.Server.Stats.TotalSubmissions);

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => h.SubmitAsync("wavespeed-ai/flashvsr", input, maxCost: 0.05m));

        ex.Message.ShouldContain("$0.05");
        h.Server.Stats.Uploads.ShouldBe(uploads);
        h.Server.Stats.TotalSubmissions.ShouldBe(submissions);
    }

    [Fact]
    public async Task Submit_LocalMedia_UploadedThenSubmittedWithItsUrl()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        string clip = await SampleClipAsync(h);

        JobView job = await h.WaitAsync(await h.SubmitAsync("wavespeed-ai/flashvsr", new JsonObject { ["video"] = clip, ["target_resolution"] = "1080p" }));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        h.Server.Stats.Uploads.ShouldBe(1);
        h.Server.Stats.Submissions[^1].Input["video"]!.GetValue<string>().ShouldStartWith(h.Server.BaseUrl);
        // The clip is the requested 6 s when ffmpeg renders it (6 s × $0.018), else the 5 s sample (the 5 s minimum, $0.09).
        job.FinalCostUsd.ShouldBe(h.Server.ShapedOutputs ? 0.108m : 0.09m);
    }

    [Fact]
    public async Task Submit_UploadAnswers503Once_UploadedAgainAndCompletes()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        string clip = await SampleClipAsync(h);
        int before = h.Server.Stats.TotalSubmissions;
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Upload, 503, count: 1));

        JobView job = await h.WaitAsync(await h.SubmitAsync("wavespeed-ai/flashvsr", new JsonObject { ["video"] = clip, ["target_resolution"] = "1080p" }));

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        (h.Server.Stats.TotalSubmissions - before).ShouldBe(1);
    }

    [Fact]
    public async Task Submit_UploadKeepsFailing_FailsAsUploadFailedNotInternalError()
    {
        await using JobHarness h = await JobHarness.StartAsync();
        string clip = await SampleClipAsync(h);
        int before = h.Server.Stats.TotalSubmissions;
        h.Server.Faults.Add(FaultRule.HttpError(FaultTarget.Upload, 503, count: null));

        JobView job = await h.WaitAsync(await h.SubmitAsync("wavespeed-ai/flashvsr", new JsonObject { ["video"] = clip, ["target_resolution"] = "1080p" }));

        job.State.ShouldBe(JobState.Failed);
        job.Error!.Code.ShouldBe(ErrorCodes.UploadFailed);
        job.Error.Message.ShouldContain("503");
        job.FinalCostUsd.ShouldBe(0m);
        (h.Server.Stats.TotalSubmissions - before).ShouldBe(0);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsFirstJobAndSubmitsOnce()
    {
        await using JobHarness h = await JobHarness.StartAsync();

        JobView first = await h.SubmitAsync(Model, JobHarness.T2V(), idempotencyKey: "order-42");
        JobView second = await h.SubmitAsync(Model, JobHarness.T2V(), idempotencyKey: "order-42");
        await h.WaitAsync(first);

        second.Id.ShouldBe(first.Id);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_ConcurrentRequestsAgainstDailyCap_NeverOverspend()
    {
        // Jobs stay at the provider for the whole race, so every hold stays reserved (a finished job would settle lower).
        await using JobHarness h = await JobHarness.StartAsync(latency: TimeSpan.FromSeconds(60), configure: o => o.DailyCapUsd = 1.00m);

        // LTX-2 Fast holds $0.24 per 6 s request (upper candidate): exactly four fit under $1.00.
        Task<JobView>[] attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(() => h.SubmitAsync(Model, JobHarness.T2V()))).ToArray();
        var accepted = new List<JobView>();
        int refused = 0;
        foreach (Task<JobView> attempt in attempts)
        {
            try
            {
                accepted.Add(await attempt);
            }
            catch (BudgetExceededException)
            {
                refused++;
            }
        }

        accepted.Count.ShouldBe(4);
        refused.ShouldBe(16);
        (await h.Jobs.GetSpendAsync(JobHarness.Owner, h.Token)).Today.TotalUsd.ShouldBeLessThanOrEqualTo(1.00m);
    }

    [Fact]
    public async Task Submit_UnknownPriceWithMaxCost_HeldAgainstLiveQuote()
    {
        await using JobHarness h = await JobHarness.StartAsync();

        var ex = await Should.ThrowAsync<BudgetExceededException>(() => h.SubmitAsync("google/veo3.1/text-to-video", new JsonObject { ["prompt"] = "p" }, maxCost: 0.01m));

        ex.Message.ShouldContain("above --max-cost");
        h.Server.Stats.TotalSubmissions.ShouldBe(0);
    }

    [Fact]
    public async Task Resume_AfterEngineRestartMidProcessing_CompletesWithoutResubmitting()
    {
        await using JobHarness h = await JobHarness.StartAsync(latency: TimeSpan.FromSeconds(2));
        JobView job = await h.SubmitAsync(Model, JobHarness.T2V());
        while ((await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!.State != JobState.Processing)
        {
            await Task.Delay(50, h.Token);
        }

        await h.RestartEngineAsync(); // the new engine's worker claims the job at start: resume is the same path as a start
        JobView done = await h.WaitAsync(job);

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        h.Server.Stats.TotalSubmissions.ShouldBe(1);
    }

    private static async Task<string> SampleClipAsync(JobHarness h)
    {
        // A real MP4: the output of a quick job (6 s as requested, or the 5 s sample without ffmpeg).
        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        string copy = Path.Combine(h.DataDirectory, "clip.mp4");
        File.Copy(job.Outputs[0].LocalPath!, copy, overwrite: true);
        return copy;
    }
}

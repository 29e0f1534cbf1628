using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Steps;

/// <summary>Processing: one read of the provider's result per run; the poll plan and the deadline decide the rest.</summary>
public sealed class ProcessingStepTests : IAsyncDisposable
{
    private readonly JobCore core = new();

    [Fact]
    public async Task RunAsync_StillRunning_WaitsForTheNextCheckAfterOneRead()
    {
        JobCore.Held job = await ProcessingAsync();
        int reads = 0;
        core.Provider.GetResultAsyncCallback = (id, _) =>
        {
            reads++;
            return Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Processing));
        };

        Wait wait = (await core.Get<ProcessingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();

        reads.ShouldBe(1);
        wait.Until.ShouldBeGreaterThan(core.Clock.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_Completed_OnToDownloadingWithEachOutputsPathAndTheAnswerHandedOn()
    {
        JobCore.Held job = await ProcessingAsync();
        ProviderTask done = TestVideoProvider.Answer("p-1", ProviderTaskStatus.Completed, outputs: "http://127.0.0.1:5999/out.mp4");
        core.Provider.GetResultAsyncCallback = (_, _) => Task.FromResult(done);

        Advance advance = (await core.Get<ProcessingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Downloading);
        advance.Next.Outputs.ShouldHaveSingleItem().LocalPath.ShouldBe(Path.Combine(core.Outputs, job.Job.Id, "output-0.mp4"));
        advance.Answer.ShouldBe(done);
    }

    [Fact]
    public async Task RunAsync_FailedAtTheProvider_FailsWithTheStableCodeAndChargesNothing()
    {
        JobCore.Held job = await ProcessingAsync();
        core.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Failed) with { ErrorKind = ProviderErrorKind.Moderation, Error = "flagged" });

        Advance advance = (await core.Get<ProcessingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Failed);
        advance.Next.Error!.Code.ShouldBe(ErrorCodes.Moderation);
        advance.SettleUsd.ShouldBe(0m);
    }

    [Fact]
    public async Task RunAsync_PastTheDeadline_FailsChargingTheEstimate()
    {
        JobCore.Held job = await ProcessingAsync();
        core.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Processing));
        core.Clock.Advance(job.Plan.Poll.Deadline + TimeSpan.FromSeconds(1));

        Advance advance = (await core.Get<ProcessingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Failed);
        advance.Next.Error!.Code.ShouldBe(ErrorCodes.DeadlineExceeded);
        advance.SettleUsd.ShouldBe(job.Job.EstimateUsd);
    }

    [Fact]
    public async Task RunAsync_ReadFails_ChecksAgainLater()
    {
        JobCore.Held job = await ProcessingAsync();
        core.Provider.GetResultAsyncCallback = (_, _) => throw new HttpRequestException("reset");

        (await core.Get<ProcessingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();
    }

    private async Task<JobCore.Held> ProcessingAsync()
    {
        JobCore.Held job = await core.CreateAsync();
        return await core.MoveAsync(job, JobState.Processing, j => j with { PredictionId = "p-1", Deadline = core.Clock.GetUtcNow() + job.Plan.Poll.Deadline });
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();
}

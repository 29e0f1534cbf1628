using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Steps;

/// <summary>Submitting: a lost answer is settled from the provider's history, never by sending again, and only with a task that can be this job's.</summary>
public sealed class SubmittingStepTests : IAsyncDisposable
{
    private readonly JobCore core = new();

    [Fact]
    public async Task RunAsync_TaskWithTheSameInputInHistory_ProposedForAdoptionWithoutPosting()
    {
        JobCore.Held job = await SubmittingAsync();
        core.Provider.ListTasksAsyncCallback = (_, _) => Task.FromResult<IReadOnlyList<ProviderTask>>([Echo(job, "p-lost")]);

        Advance advance = (await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Processing);
        advance.Next.PredictionId.ShouldBe("p-lost");
        advance.Adopts.ShouldBe(Adoption.FromHistory, "the store decides whether it can be this job's");
        core.Provider.Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_OnlyTaskIsHeldByAnotherJob_NotProposedAndNeedsDecisionAfterTheWindow()
    {
        JobCore.Held job = await SubmittingAsync();
        JobCore.Held other = await core.CreateAsync();
        await core.MoveAsync(other, JobState.Processing, j => j with { PredictionId = "p-other" });
        core.Provider.ListTasksAsyncCallback = (_, _) => Task.FromResult<IReadOnlyList<ProviderTask>>([Echo(job, "p-other")]);

        StepResult early = await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct);
        core.Clock.Advance(TimeSpan.FromMinutes(2));
        StepResult late = await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct);

        early.ShouldBeOfType<Wait>();
        Advance decision = late.ShouldBeOfType<Advance>();
        decision.Next.State.ShouldBe(JobState.NeedsDecision);
        decision.Next.Error!.Message.ShouldContain("could be another job's");
        decision.SettleUsd.ShouldBeNull("the hold is kept: a task may exist");
    }

    [Fact]
    public async Task RunAsync_NothingInHistoryPastTheWindow_NeedsDecisionNeverResent()
    {
        JobCore.Held job = await SubmittingAsync();
        core.Provider.ListTasksAsyncCallback = (_, _) => Task.FromResult<IReadOnlyList<ProviderTask>>([]);
        core.Clock.Advance(TimeSpan.FromMinutes(2));

        Advance advance = (await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.NeedsDecision);
        advance.Next.Error!.Code.ShouldBe(ErrorCodes.OutcomeUnknown);
        core.Provider.Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_HistoryUnavailable_LooksAgainLater()
    {
        JobCore.Held job = await SubmittingAsync();
        core.Provider.ListTasksAsyncCallback = (_, _) => throw new HttpRequestException("connection refused");

        Wait wait = (await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();

        wait.Until.ShouldBeGreaterThan(core.Clock.GetUtcNow());
    }

    // A job whose POST answer was lost: the write-ahead is stored, with the fingerprint of what was sent.
    private async Task<JobCore.Held> SubmittingAsync()
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new SubmissionOutcomeUnknownException("timed out");
        Wait wait = (await core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();
        return job with { Job = wait.Stored! };
    }

    // The task as the provider's history shows it: same model, the input as sent.
    private static ProviderTask Echo(JobCore.Held job, string id) =>
        TestVideoProvider.Answer(id, ProviderTaskStatus.Processing, JobCore.Model, (System.Text.Json.Nodes.JsonObject)job.Job.ProviderInput!.DeepClone());

    public ValueTask DisposeAsync() => core.DisposeAsync();
}

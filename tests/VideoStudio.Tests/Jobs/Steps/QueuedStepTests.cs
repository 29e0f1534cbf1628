using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Steps;

/// <summary>Queued: write-ahead, prove the lease, POST once; an answer decides what comes next, never a second POST.</summary>
public sealed class QueuedStepTests : IAsyncDisposable
{
    private readonly JobCore core = new();

    [Fact]
    public async Task RunAsync_Accepted_WritesAheadThenPostsOnceAndAdoptsTheAnswer()
    {
        JobCore.Held job = await core.CreateAsync();
        JobState storedWhenPosted = JobState.Queued;
        core.Provider.SubmitAsyncCallback = async (_, _, _, ct) =>
        {
            storedWhenPosted = (await core.StoredAsync(job.Job.Id)).State;
            return TestVideoProvider.Answer("p-1", ProviderTaskStatus.Created);
        };

        StepResult result = await core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct);

        storedWhenPosted.ShouldBe(JobState.Submitting, "the write-ahead is stored before the paid POST");
        core.Provider.Submissions.ShouldBe(1);
        Advance advance = result.ShouldBeOfType<Advance>();
        advance.Next.State.ShouldBe(JobState.Processing);
        advance.Next.PredictionId.ShouldBe("p-1");
        advance.Adopts.ShouldBe(Adoption.OwnAnswer);
        advance.IfRefused.ShouldBeOfType<Advance>().Next.State.ShouldBe(JobState.NeedsDecision);
        JobRecord stored = await core.StoredAsync(job.Job.Id);
        stored.SubmitAttempts.ShouldBe(1);
        stored.InputFingerprint.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_PublicWebhookUrlSet_RegistersItWithTheJobsIdInTheQuery()
    {
        await using var hooked = new JobCore(o => o.PublicWebhookUrl = new Uri("http://127.0.0.1:5000/v1/webhooks/wavespeed?tenant=a"));
        JobCore.Held job = await hooked.CreateAsync();
        Uri? registered = null;
        hooked.Provider.SubmitAsyncCallback = (_, _, webhook, _) =>
        {
            registered = webhook;
            return Task.FromResult(TestVideoProvider.Answer("p-1", ProviderTaskStatus.Created));
        };

        await hooked.Get<QueuedStep>().RunAsync(hooked.Step(job), hooked.Ct);

        registered.ShouldNotBeNull();
        registered.AbsoluteUri.ShouldBe($"http://127.0.0.1:5000/v1/webhooks/wavespeed?tenant=a&job={job.Job.Id}", "the task carries its job's id to the provider");
    }

    [Theory]
    [InlineData(ProviderErrorKind.RateLimited)]
    [InlineData(ProviderErrorKind.Authentication)]
    public async Task RunAsync_RefusedWithNothingCreated_BackToTheQueueAfterAPause(ProviderErrorKind kind)
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new ProviderException(kind, "refused", 429, nothingCreated: true);

        Advance advance = (await core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Queued);
        advance.Next.Error!.Message.ShouldContain("Nothing was created");
        advance.RunIn.ShouldBeGreaterThan(TimeSpan.Zero);
        advance.SettleUsd.ShouldBeNull("the hold stays for the next attempt");
    }

    [Theory]
    [InlineData(ProviderErrorKind.InvalidRequest, "provider_rejected_input")]
    [InlineData(ProviderErrorKind.Moderation, "moderation")]
    public async Task RunAsync_InputRefusedWithNothingCreated_FailsAtOnceCostingNothing(ProviderErrorKind kind, string code)
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new ProviderException(kind, "refused: 'video' is not a file", 400, nothingCreated: true);

        Advance advance = (await core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Advance>();

        advance.Next.State.ShouldBe(JobState.Failed, "the same request would be refused again: retrying it for an hour helps nobody");
        advance.Next.Error!.Code.ShouldBe(code);
        advance.SettleUsd.ShouldBe(0m);
        core.Provider.Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_AnswerAmbiguous_StaysSubmittingToBeReconciledAndNeverPostsAgain()
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new SubmissionOutcomeUnknownException("connection reset after the request was sent");

        Wait wait = (await core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();

        wait.Stored!.State.ShouldBe(JobState.Submitting);
        wait.Until.ShouldBe(core.Clock.GetUtcNow());
        core.Get<JobSteps>().For(wait.Stored.State).ShouldBeOfType<SubmittingStep>("the next run reconciles, it does not POST");
        core.Provider.Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_LeaseTakenOverBeforeTheWriteAhead_PostsNothingAndWritesNothing()
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => Task.FromResult(TestVideoProvider.Answer("p-1", ProviderTaskStatus.Created));
        core.Clock.Advance(TimeSpan.FromSeconds(31));
        (await core.Store.ClaimAsync(new ClaimRequest(new LeaseTerms("another-host", TimeSpan.FromSeconds(30)), 1), core.Ct)).ShouldHaveSingleItem();

        await Should.ThrowAsync<JobLeaseLostException>(() => core.Get<QueuedStep>().RunAsync(core.Step(job), core.Ct));

        core.Provider.Submissions.ShouldBe(0);
        JobRecord stored = await core.StoredAsync(job.Job.Id);
        stored.State.ShouldBe(JobState.Queued);
        stored.Version.ShouldBe(job.Job.Version);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();
}

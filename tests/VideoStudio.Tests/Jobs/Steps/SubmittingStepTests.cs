using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;
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
    public async Task RunAsync_IdenticalTaskRegisteredForAnotherJob_NotProposedAndOnlyItsOwnAdopted()
    {
        JobCore.Held job = await SubmittingAsync();
        var hook = new Uri("http://127.0.0.1:5000/v1/webhooks/wavespeed");
        ProviderTask others = Echo(job, "p-bob") with { Webhook = ProviderWebhookUrl.For(hook, "job-of-bob") };
        core.Provider.ListTasksAsyncCallback = (_, _) => Task.FromResult<IReadOnlyList<ProviderTask>>([others]);

        StepResult early = await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct);
        core.Provider.ListTasksAsyncCallback = (_, _) => Task.FromResult<IReadOnlyList<ProviderTask>>([others, Echo(job, "p-mine") with { Webhook = ProviderWebhookUrl.For(hook, job.Job.Id) }]);
        StepResult mine = await core.Get<SubmittingStep>().RunAsync(core.Step(job), core.Ct);

        early.ShouldBeOfType<Wait>("the same model and input, but the task's webhook names another job");
        mine.ShouldBeOfType<Advance>().Next.PredictionId.ShouldBe("p-mine");
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

    [Theory]
    [InlineData(-45, 0)]
    [InlineData(45, 0)]
    [InlineData(0, -45)]
    [InlineData(0, 45)]
    public async Task RunAsync_HostClocksOff45sFromTheStores_WindowMeasuredOnTheStoresClockAndTheTaskFound(int writerSkew, int readerSkew)
    {
        // A host whose clock is off wrote the write-ahead (its record carries that host's time), another reconciles it.
        JobCore.Held job = await SubmittingAsync(TimeSpan.FromSeconds(writerSkew));
        DateTimeOffset writtenAt = core.Clock.GetUtcNow(); // the store's clock: the fake clock itself
        SubmittingStep reader = new(core.Get<IVideoProvider>(), core.Store, new SkewedClock(core.Clock, TimeSpan.FromSeconds(readerSkew)),
            core.Get<IOptions<JobOptions>>(), core.Get<VideoStudioMetrics>(), NullLogger<SubmittingStep>.Instance);
        var queries = new List<ProviderTaskQuery>();
        IReadOnlyList<ProviderTask> history = [];
        core.Provider.ListTasksAsyncCallback = (q, _) =>
        {
            queries.Add(q);
            return Task.FromResult(history);
        };

        core.Clock.Advance(TimeSpan.FromSeconds(100)); // within the 2 min window by the store's clock; 145 s or 55 s by a skewed one
        StepResult early = await reader.RunAsync(core.Step(job), core.Ct);
        history = [Echo(job, "p-late")]; // the provider's history shows the task only now
        StepResult found = await reader.RunAsync(core.Step(job), core.Ct);
        history = [];
        core.Clock.Advance(TimeSpan.FromSeconds(21)); // past the window by the store's clock; 166 s or 76 s by a skewed one
        StepResult late = await reader.RunAsync(core.Step(job), core.Ct);

        early.ShouldBeOfType<Wait>("not given up before the window ends on the store's clock");
        found.ShouldBeOfType<Advance>().Next.PredictionId.ShouldBe("p-late");
        late.ShouldBeOfType<Advance>().Next.State.ShouldBe(JobState.NeedsDecision, "given up once the window ended on the store's clock");
        queries[0].CreatedAfter.ShouldBe(writtenAt - TimeSpan.FromMinutes(5));
        queries[0].CreatedBefore.ShouldBe(writtenAt + TimeSpan.FromSeconds(100) + TimeSpan.FromMinutes(5));
    }

    // A job whose POST answer was lost: the write-ahead is stored, with the fingerprint of what was sent.
    // With a skew, the write-ahead's record carries the time of a host whose clock is that far off the store's.
    private async Task<JobCore.Held> SubmittingAsync(TimeSpan? skew = null)
    {
        JobCore.Held job = await core.CreateAsync();
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new SubmissionOutcomeUnknownException("timed out");
        QueuedStep step = skew is { } off
            ? ActivatorUtilities.CreateInstance<QueuedStep>(new SkewedServices(core, new SkewedClock(core.Clock, off)))
            : core.Get<QueuedStep>();
        Wait wait = (await step.RunAsync(core.Step(job), core.Ct)).ShouldBeOfType<Wait>();
        return job with { Job = wait.Stored! };
    }

    // The job core's services, with a host clock of its own.
    private sealed class SkewedServices(JobCore core, TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? clock : core.Services.GetService(serviceType);
    }

    // The task as the provider's history shows it: same model, the input as sent.
    private static ProviderTask Echo(JobCore.Held job, string id) =>
        TestVideoProvider.Answer(id, ProviderTaskStatus.Processing, JobCore.Model, (System.Text.Json.Nodes.JsonObject)job.Job.ProviderInput!.DeepClone());

    public ValueTask DisposeAsync() => core.DisposeAsync();
}

using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Jobs.Steps;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Execution;

/// <summary>
/// The executor: one path for every job (hold it, make it due, run its step, apply the result in one write). Start,
/// takeover, cancel and a lost submission answer all go through it; no failure leaves a job unfinished for good.
/// </summary>
public sealed class JobExecutorTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // No lease renewal runs here, and the clock jumps: jobs are leased (and claimed) for longer than any test moves it.
    private static readonly TimeSpan LongLease = TimeSpan.FromHours(1);
    private readonly JobCore core = new(o => o.LeaseDuration = LongLease);
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    [Fact]
    public async Task RunAsync_JobHeld_SubmittedOnceThenPolledDownloadedAndCompleted()
    {
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => Task.FromResult(TestVideoProvider.Answer("p-1", ProviderTaskStatus.Created));
        core.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Completed, outputs: "http://127.0.0.1:5999/out.mp4"));
        core.Provider.DownloadAsyncCallback = WriteVideoAsync;
        JobCore.Held job = await HoldAsync();

        await UntilAsync(job, j => JobStates.Settled(j.State), tick: TimeSpan.FromSeconds(1)); // the first check comes due as the clock moves
        JobRecord done = await core.StoredAsync(job.Job.Id);

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        done.Transitions.Select(t => t.State).ShouldBe([JobState.Queued, JobState.Submitting, JobState.Processing, JobState.Downloading, JobState.Completed]);
        core.Provider.Submissions.ShouldBe(1);
        await UntilReleasedAsync(job); // a settled job's lease is given back (right after its last write)
    }

    [Fact]
    public async Task RequestCancel_WhileProcessing_CancelledWithTheEstimateChargedAndNotReadAgain()
    {
        int reads = 0;
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => Task.FromResult(TestVideoProvider.Answer("p-1", ProviderTaskStatus.Created));
        core.Provider.GetResultAsyncCallback = (id, _) =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Processing));
        };
        JobCore.Held job = await HoldAsync();
        await UntilAsync(job, j => j.State == JobState.Processing);

        JobRecord cancelled = await core.Get<JobExecutor>().RequestCancel(job.Job.Id)!.WaitAsync(Bound, core.Ct);
        core.Clock.Advance(TimeSpan.FromMinutes(5));

        cancelled.State.ShouldBe(JobState.Cancelled);
        cancelled.FinalCostUsd.ShouldBe(job.Job.EstimateUsd);
        reads.ShouldBe(0);
    }

    [Fact]
    public async Task ClaimAsync_LeaseOfADeadWorkerExpired_TakenOverAndCarriedOnWithoutResubmitting()
    {
        JobCore.Held job = await core.CreateAsync(worker: "dead-host");
        await core.MoveAsync(job, JobState.Processing, j => j with { PredictionId = "p-1", Deadline = core.Clock.GetUtcNow() + TimeSpan.FromHours(1) });
        core.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Completed, outputs: "http://127.0.0.1:5999/out.mp4"));
        core.Provider.DownloadAsyncCallback = WriteVideoAsync;
        Start();

        (await core.Get<JobExecutor>().ClaimAsync(10, null, core.Ct)).ShouldBe(0, "a live lease is never taken");
        core.Clock.Advance(TimeSpan.FromSeconds(31));
        (await core.Get<JobExecutor>().ClaimAsync(10, null, core.Ct)).ShouldBe(1);
        JobRecord done = await SettledAsync(job);

        done.State.ShouldBe(JobState.Completed, done.Error?.Message);
        core.Provider.Submissions.ShouldBe(0);
        await Should.ThrowAsync<JobLeaseLostException>(() => core.Store.ConfirmLeaseAsync(job.Lease, TimeSpan.FromSeconds(30), core.Ct));
    }

    [Fact]
    public async Task RunAsync_AnotherJobsIdenticalSubmissionStillUnanswered_NeverAdoptsItsTaskAndEndsNeedingADecision()
    {
        // Bob's POST is accepted but its answer is slow; Alice sends the same input and gets an ambiguous answer, so
        // nothing was created for her. The history shows one task: Bob's.
        var bobsAnswer = new TaskCompletionSource<ProviderTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var input = new JsonObject { ["prompt"] = "the same prompt", ["duration"] = 6 };
        JobCore.Held bob = await core.CreateAsync((JsonObject)input.DeepClone(), lease: LongLease);
        int historyReads = 0;
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => core.Provider.Submissions == 1 ? bobsAnswer.Task : throw new SubmissionOutcomeUnknownException("503 after the request was sent");
        core.Provider.ListTasksAsyncCallback = (_, _) =>
        {
            Interlocked.Increment(ref historyReads);
            return Task.FromResult<IReadOnlyList<ProviderTask>>([TestVideoProvider.Answer("p-bob", ProviderTaskStatus.Processing, JobCore.Model, (JsonObject)input.DeepClone())]);
        };
        core.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Processing));
        Hold(bob);
        await UntilAsync(bob, _ => core.Provider.Submissions == 1);
        JobCore.Held alice = await core.CreateAsync((JsonObject)input.DeepClone(), lease: LongLease);
        Hold(alice);
        await UntilAsync(alice, j => j.State == JobState.Submitting);
        await UntilAsync(alice, _ => Volatile.Read(ref historyReads) > 0);

        core.Clock.Advance(TimeSpan.FromSeconds(20));
        (await core.StoredAsync(alice.Job.Id)).PredictionId.ShouldBeNull("the task could be Bob's: Alice's job does not take it");
        bobsAnswer.SetResult(TestVideoProvider.Answer("p-bob", ProviderTaskStatus.Created));
        await UntilAsync(bob, j => j.PredictionId == "p-bob");
        core.Clock.Advance(TimeSpan.FromMinutes(2));
        JobRecord decided = await SettledAsync(alice);

        decided.State.ShouldBe(JobState.NeedsDecision);
        decided.PredictionId.ShouldBeNull();
        decided.Error!.Message.ShouldContain("could be another job's");
        core.Provider.Submissions.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_StepThrowsUnexpectedly_JobEndsInsteadOfStayingUnfinished()
    {
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new InvalidOperationException("a bug in the adapter");
        JobCore.Held job = await HoldAsync();

        JobRecord settled = await SettledAsync(job);

        settled.State.ShouldBe(JobState.NeedsDecision, "its POST may have reached the provider, so it is not failed nor sent again");
        settled.Error!.Message.ShouldContain("a bug in the adapter");
        core.Provider.Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_StepFailsWithAStorageErrorNamingAServerPath_TheJobsMessageCarriesNoPath()
    {
        core.Provider.SubmitAsyncCallback = (_, _, _, _) => throw new IOException("Could not find a part of the path '/srv/videostudio/data/uploads/alice/clip.mp4'.");
        JobCore.Held job = await HoldAsync();

        JobRecord settled = await SettledAsync(job);

        settled.Error!.Message.ShouldContain("clip.mp4");
        settled.Error.Message.ShouldNotContain("/srv/", customMessage: "a caller never sees a server path");
    }

    [Fact]
    public async Task RunAsync_StoppedMidStep_LeavesTheStoredStateAndGivesTheLeaseBack()
    {
        var posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        core.Provider.SubmitAsyncCallback = async (_, _, _, ct) =>
        {
            posted.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new SubmissionOutcomeUnknownException("stopped");
        };
        JobCore.Held job = await HoldAsync();
        await posted.Task.WaitAsync(Bound, core.Ct);

        await stop.CancelAsync();
        await running!.WaitAsync(Bound, core.Ct);

        (await core.StoredAsync(job.Job.Id)).State.ShouldBe(JobState.Submitting, "the next holder reconciles it");
        (await core.Store.GetLeaseAsync(job.Job.Id, core.Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_AccountsMinuteSpent_NextJobStaysReservedUnsentUntilTheStoreAdmitsIt()
    {
        await using var limited = new JobCore(o => (o.SubmitsPerMinute, o.LeaseDuration) = (1, LongLease));
        using var halt = new CancellationTokenSource();
        limited.Provider.SubmitAsyncCallback = (_, _, _, _) => Task.FromResult(TestVideoProvider.Answer($"p-{limited.Provider.Submissions}", ProviderTaskStatus.Created));
        limited.Provider.GetResultAsyncCallback = (id, _) => Task.FromResult(TestVideoProvider.Answer(id, ProviderTaskStatus.Processing));
        var executor = limited.Get<JobExecutor>();
        Task run = executor.RunAsync(halt.Token);
        JobCore.Held first = await limited.CreateAsync(lease: LongLease);
        executor.Hold(first.Job, first.Lease, first.Plan, first.Job.Input);
        await Until(() => limited.Provider.Submissions == 1);
        JobCore.Held second = await limited.CreateAsync(lease: LongLease);
        executor.Hold(second.Job, second.Lease, second.Plan, second.Job.Input);

        limited.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(200), core.Ct); // room for a wrong second POST to happen
        limited.Provider.Submissions.ShouldBe(1, "one submission per minute, counted in the store");
        (await limited.StoredAsync(second.Job.Id)).State.ShouldBe(JobState.Queued);
        (await limited.Store.GetLeaseAsync(second.Job.Id, core.Ct))!.Token.ShouldBe(1, "reserved for this process, not admitted");
        executor.Count.ShouldBe(1, "a waiting job is a row and a reservation, not a held job");

        limited.Clock.Advance(TimeSpan.FromSeconds(33));
        await Until(() => limited.Provider.Submissions == 2);
        await halt.CancelAsync();
        await run.WaitAsync(Bound, core.Ct);

        async Task Until(Func<bool> condition)
        {
            DateTimeOffset until = DateTimeOffset.UtcNow + Bound;
            while (!condition())
            {
                DateTimeOffset.UtcNow.ShouldBeLessThan(until);
                await Task.Delay(TimeSpan.FromMilliseconds(5), core.Ct);
                limited.Clock.Advance(TimeSpan.FromMilliseconds(100)); // the admission check comes round every SignalInterval
            }
        }
    }

    [Fact]
    public async Task RunAsync_BacklogPastTheAdmissionWindow_AdmitsOnlyWhatItCanStartTheRestStayReserved()
    {
        // One POST slot: an admission window of 4 jobs not yet submitted; the account's limits leave room for all.
        await using var backlog = new JobCore(o => (o.MaxConcurrentSubmits, o.MaxConcurrentJobs, o.LeaseDuration) = (1, 1_000, LongLease));
        using var halt = new CancellationTokenSource();
        var answer = new TaskCompletionSource<ProviderTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        backlog.Provider.SubmitAsyncCallback = (_, _, _, ct) => answer.Task.WaitAsync(ct); // the first POST stays in flight
        var executor = backlog.Get<JobExecutor>();
        Task run = executor.RunAsync(halt.Token);
        var jobs = new List<JobCore.Held>();
        for (int i = 0; i < 10; i++)
        {
            JobCore.Held job = await backlog.CreateAsync(lease: LongLease);
            executor.Hold(job.Job, job.Lease, job.Plan, job.Job.Input);
            jobs.Add(job);
        }

        DateTimeOffset until = DateTimeOffset.UtcNow + Bound;
        while (backlog.Provider.Submissions < 1 || executor.Count < 4)
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(until, $"{backlog.Provider.Submissions} POSTs, {executor.Count} jobs held");
            await Task.Delay(TimeSpan.FromMilliseconds(5), core.Ct);
            backlog.Clock.Advance(TimeSpan.FromMilliseconds(100)); // the admission check comes round every SignalInterval
        }

        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), core.Ct); // room for a wrong admission past the window
            backlog.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        executor.Count.ShouldBe(4, "the window of 4 (the job in its POST counts until it is answered) is held; the rest wait as rows and reservations");
        int reserved = 0;
        foreach (JobCore.Held job in jobs)
        {
            reserved += (await backlog.Store.GetLeaseAsync(job.Job.Id, core.Ct))!.Token == 1 ? 1 : 0;
        }

        reserved.ShouldBe(6);
        await halt.CancelAsync();
        await run.WaitAsync(Bound, core.Ct);
    }

    private async Task UntilReleasedAsync(JobCore.Held job)
    {
        DateTimeOffset until = DateTimeOffset.UtcNow + Bound;
        while (await core.Store.GetLeaseAsync(job.Job.Id, core.Ct) is { } lease)
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(until, $"the lease of {lease.JobId} is still held by {lease.Worker}");
            await Task.Delay(TimeSpan.FromMilliseconds(5), core.Ct);
        }
    }

    private async Task<JobCore.Held> HoldAsync()
    {
        JobCore.Held job = await core.CreateAsync(lease: LongLease);
        Hold(job);
        return job;
    }

    private void Hold(JobCore.Held job)
    {
        Start();
        core.Get<JobExecutor>().Hold(job.Job, job.Lease, job.Plan, job.Job.Input);
    }

    private void Start() => running ??= core.Get<JobExecutor>().RunAsync(stop.Token);

    private async Task<JobRecord> SettledAsync(JobCore.Held job)
    {
        await UntilAsync(job, j => JobStates.Settled(j.State));
        return await core.StoredAsync(job.Job.Id);
    }

    // Waits (bounded) for the stored job to satisfy the condition, moving the fake clock by `tick` each time it looks.
    private async Task UntilAsync(JobCore.Held job, Func<JobRecord, bool> condition, TimeSpan? tick = null)
    {
        DateTimeOffset until = DateTimeOffset.UtcNow + Bound;
        JobRecord stored;
        while (!condition(stored = await core.StoredAsync(job.Job.Id)))
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"Job {stored.Id} is {stored.State} (prediction {stored.PredictionId}, error {stored.Error?.Message}) after {Bound}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), core.Ct);
            core.Clock.Advance(tick ?? TimeSpan.Zero);
        }
    }

    private static async Task<DownloadedFile> WriteVideoAsync(Uri url, string staged, IProgress<long>? progress, CancellationToken ct)
    {
        await File.WriteAllTextAsync(staged, "video", ct);
        return new DownloadedFile(5, new string('a', 64), "video/mp4");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running;
        }

        stop.Dispose();
        await core.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// The one path every job takes: the jobs this process holds (by a store lease) wait in a timetable; when one comes
/// due, its state's step runs once and the executor applies the step's result in one fenced write. Starting a job,
/// resuming one after a crash, taking one over after its lease expired, a webhook and a cancel all do the same thing:
/// make the job due now. Runs while <see cref="RunAsync"/> does (owned by <see cref="JobsWorker"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The slots are never disposed: a step still stopping after the host disposed its services must release its slot without an ObjectDisposedException; they hold no wait handle.")]
internal sealed class JobExecutor(IJobStore store, JobSteps steps, JobWriter writer, JobModels models, JobWorker worker, IVideoProvider provider,
    TimeProvider time, IOptions<JobOptions> options, ILogger<JobExecutor> logger)
{
    private readonly ConcurrentDictionary<string, HeldJob> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private readonly Timetable due = new(time);
    private readonly SemaphoreSlim submits = new(Math.Max(1, options.Value.MaxConcurrentSubmits));
    private readonly SemaphoreSlim checks = new(Math.Max(1, options.Value.PollConcurrency));
    private readonly SemaphoreSlim downloads = new(Math.Max(1, options.Value.DownloadConcurrency));
    private CancellationToken stopping;

    /// <summary>This worker's id and lease length, as the store takes them.</summary>
    public LeaseTerms Terms => new(worker.Id, options.Value.LeaseDuration);

    /// <summary>The jobs this process holds now.</summary>
    public IReadOnlyCollection<HeldJob> Held => [.. held.Values];

    /// <summary>How many jobs this process holds now.</summary>
    public int Count => held.Count;

    /// <summary>True while this process holds the job.</summary>
    public bool Holds(string jobId) => held.ContainsKey(jobId);

    /// <summary>Starts holding a job accepted here (its lease granted at creation), with the caller's input as given; it is due at once.</summary>
    public void Hold(JobRecord job, JobLease lease, JobPlan? plan, JsonObject input)
    {
        var entry = new HeldJob(job, plan, new InputHolder(input), new LeaseFence(store, lease, options.Value.LeaseDuration));
        if (held.TryGetValue(job.Id, out HeldJob? old))
        {
            Lose(old, "claimed again"); // work under the old token stops
        }

        held[job.Id] = entry;
        Schedule(entry, time.GetUtcNow());
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> unfinished jobs that no live worker holds (or only <paramref name="jobId"/>,
    /// then also one needing a decision) and makes each due now; returns how many were taken on. A job this host cannot
    /// run (its model is not installed here) is given back at once.
    /// </summary>
    public async Task<int> ClaimAsync(int limit, string? jobId, CancellationToken cancellationToken)
    {
        string account = provider.Metadata.Account;
        string? only = options.Value.AbandonJobsOfOtherProviders || jobId is not null ? null : account;
        IReadOnlyList<ClaimedJob> claimed = await store.ClaimAsync(new ClaimRequest(Terms, limit, jobId, only), cancellationToken).ConfigureAwait(false);
        int taken = 0;
        foreach ((JobRecord job, JobLease lease) in claimed)
        {
            JobPlan? plan = job.Provider == account ? await models.PlanAsync(job, cancellationToken).ConfigureAwait(false) : null;
            if (plan is null && job.Provider != account && options.Value.AbandonJobsOfOtherProviders && job.State != JobState.NeedsDecision)
            {
                var fence = new LeaseFence(store, lease, options.Value.LeaseDuration);
                Advance gone = StepResult.Fail(job, ErrorCodes.ProviderGone, $"The provider this job was sent to ({job.Provider}) is no longer running (an earlier embedded simulator session).", 0m, time.GetUtcNow());
                await writer.AdvanceAsync(gone, fence, cancellationToken).ConfigureAwait(false);
                await ReleaseAsync(fence.Lease).ConfigureAwait(false);
                taken++;
            }
            else if (plan is not null || jobId is not null)
            {
                Hold(job, lease, plan, job.Input);
                taken++;
            }
            else
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }
        }

        return taken;
    }

    /// <summary>Makes a held job due now (a webhook said it changed, a signal asked); false when this process does not hold it.</summary>
    public bool MakeDue(string jobId)
    {
        if (!held.TryGetValue(jobId, out HeldJob? entry))
        {
            return false;
        }

        Schedule(entry, time.GetUtcNow());
        return true;
    }

    /// <summary>
    /// Asks for a held job to be cancelled: its running step is interrupted (except a POST in flight, whose answer is
    /// waited for) and the cancel is written as its next result. Completes with the job once settled; null when this
    /// process does not hold it.
    /// </summary>
    public Task<JobRecord>? RequestCancel(string jobId)
    {
        if (!held.TryGetValue(jobId, out HeldJob? entry))
        {
            return null;
        }

        entry.CancelRequested = true;
        Interrupt(entry);
        MakeDue(jobId);
        return entry.Settled;
    }

    /// <summary>Stops working on a job whose lease was lost (not renewed, or refused by the store); nothing more is written from here.</summary>
    public void Lose(string jobId, string reason)
    {
        if (held.TryGetValue(jobId, out HeldJob? entry))
        {
            Lose(entry, reason);
        }
    }

    /// <summary>
    /// Runs due steps until <paramref name="cancellationToken"/> fires, then lets running steps put their state down
    /// (up to 10 s) and gives every lease back, so another process takes the jobs over at once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        stopping = cancellationToken;
        try
        {
            while (true)
            {
                foreach (string jobId in await due.NextDueAsync(cancellationToken).ConfigureAwait(false))
                {
                    Start(jobId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: every job resumes from its stored state.
        }

        await DrainAsync().ConfigureAwait(false);
    }

    private void Start(string jobId)
    {
        if (!held.TryGetValue(jobId, out HeldJob? entry) || entry.NextRunAt > time.GetUtcNow())
        {
            return; // let go, or rescheduled later since this entry was queued
        }

        // Asked first, then tried: a run ending meanwhile sees the request after clearing its flag, so no wake-up is lost.
        entry.WokenDuringRun = true;
        if (Interlocked.Exchange(ref entry.Running, 1) == 1)
        {
            return;
        }

        entry.WokenDuringRun = false;

        Task run = RunOneAsync(entry);
        running.TryAdd(run, 0);
        _ = run.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunOneAsync(HeldJob entry)
    {
        await Task.Yield();
        using Activity? activity = VideoStudioTelemetry.Source.StartActivity($"videostudio.job {entry.Job.ModelId}");
        activity?.SetTag(TelemetryTags.JobId, entry.Job.Id);
        activity?.SetTag(TelemetryTags.Model, entry.Job.ModelId);
        SemaphoreSlim? slot = entry.CancelRequested ? null : SlotFor(entry.Job.State);
        try
        {
            if (slot is not null)
            {
                await slot.WaitAsync(stopping).ConfigureAwait(false);
            }

            try
            {
                await RunStepAsync(entry).ConfigureAwait(false);
            }
            finally
            {
                slot?.Release();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping: the stored state is where the job carries on.
        }
        catch (Exception ex)
        {
            // The executor's own last resort: give the job back so a worker (this one included) takes it on afresh.
            logger.LogError(ex, "Job {Job}: could not be carried on here; its lease is given back", entry.Job.Id);
            await LetGoAsync(entry).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref entry.Running, 0);
            if (entry.WokenDuringRun && held.ContainsKey(entry.Job.Id))
            {
                entry.WokenDuringRun = false;
                Schedule(entry, time.GetUtcNow());
            }
        }
    }

    private async Task RunStepAsync(HeldJob entry)
    {
        if (entry.CancelRequested)
        {
            await ApplyAsync(entry, Cancellation.Of(entry.Job, time.GetUtcNow())).ConfigureAwait(false);
            return;
        }

        if (steps.For(entry.Job.State) is not { } step || entry.Plan is null)
        {
            await LetGoAsync(entry).ConfigureAwait(false); // settled, or its model is not installed here
            return;
        }

        StepResult? result = await TryStepAsync(entry, step, entry.Plan).ConfigureAwait(false);
        if (result is not null && held.ContainsKey(entry.Job.Id))
        {
            await ApplyAsync(entry, result).ConfigureAwait(false);
        }

        if (entry.CancelRequested && held.ContainsKey(entry.Job.Id) && !JobWatcher.Settled(entry.Job.State))
        {
            await ApplyAsync(entry, Cancellation.Of(entry.Job, time.GetUtcNow())).ConfigureAwait(false);
        }
    }

    // Runs the step and turns what it throws into a result; null when there is nothing to write (lease lost, cancelled).
    private async Task<StepResult?> TryStepAsync(HeldJob entry, IJobStep step, JobPlan plan)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        entry.StepCancellation = cancellation;
        try
        {
            if (entry.CancelRequested)
            {
                return null;
            }

            return await step.RunAsync(new StepContext(entry.Job, plan, entry.Input, entry.Fence, entry.Waits, stopping, entry.Answer), cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested && cancellation.IsCancellationRequested)
        {
            await RereadAsync(entry).ConfigureAwait(false);
            return null; // cancelled (applied next) or lease lost (dropped)
        }
        catch (JobLeaseLostException)
        {
            Lose(entry, "refused by the store");
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RereadAsync(entry).ConfigureAwait(false);
            return Failure(entry, ex);
        }
        finally
        {
            entry.StepCancellation = null;
        }
    }

    private async Task ApplyAsync(HeldJob entry, StepResult result, bool last = false)
    {
        try
        {
            switch (result)
            {
                case Advance advance:
                    if (await writer.AdvanceAsync(advance, entry.Fence, stopping).ConfigureAwait(false) is not { } stored)
                    {
                        await ApplyAsync(entry, advance.IfRefused ?? QueuedStep.NeedsDecision(advance.Next, "The provider's task could not be shown to be this job's.", time.GetUtcNow())).ConfigureAwait(false);
                        return;
                    }

                    entry.Job = stored;
                    entry.Answer = advance.Answer;
                    entry.Waits = 0;
                    if (JobWatcher.Settled(stored.State))
                    {
                        await LetGoAsync(entry).ConfigureAwait(false);
                    }
                    else
                    {
                        Schedule(entry, time.GetUtcNow() + advance.RunIn);
                    }

                    break;
                case Wait wait:
                    entry.Job = wait.Stored ?? entry.Job;
                    entry.Waits++;
                    if (wait.Note is { } note && entry.Job.Error?.Code != note.Code)
                    {
                        entry.Job = await writer.NoteAsync(entry.Job, note, entry.Fence, stopping).ConfigureAwait(false);
                    }

                    Schedule(entry, wait.Until);
                    break;
            }
        }
        catch (JobLeaseLostException)
        {
            Lose(entry, "refused by the store");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !last)
        {
            await RereadAsync(entry).ConfigureAwait(false);
            await ApplyAsync(entry, Failure(entry, ex), last: true).ConfigureAwait(false);
        }
    }

    // What a failure outside the steps' own handling means for the job. The store briefly unavailable: wait and run
    // the step again (it is written to be run again). Changed under us: run again from the stored state. Anything
    // else ends the job, so no exception leaves it unfinished for good: a job whose POST may have reached the
    // provider needs a decision (its hold kept), any other fails.
    private StepResult Failure(HeldJob entry, Exception ex)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (StorageFailure.IsTransient(ex) || ex is JobConcurrencyException)
        {
            logger.LogWarning("Job {Job}: {Reason}; its step runs again", entry.Job.Id, ex.Message);
            return new Wait(now + ProviderErrors.Backoff(TimeSpan.FromMilliseconds(200), options.Value.LeaseRenewInterval, entry.Waits), ex.Message);
        }

        logger.LogError(ex, "Job {Job} stopped unexpectedly", entry.Job.Id);
        JobRecord job = entry.Job;
        string message = $"The job stopped unexpectedly ({ex.GetType().Name}: {ex.Message}).";
        return job.State == JobState.Submitting && job.PredictionId is null
            ? QueuedStep.NeedsDecision(job, message + " Its submission may have reached the provider; it was not sent again.", now)
            : StepResult.Fail(job, ErrorCodes.InternalError, message, job.PredictionId is null ? 0m : job.EstimateUsd ?? 0m, now);
    }

    private async Task RereadAsync(HeldJob entry)
    {
        try
        {
            entry.Job = await store.FindAsync(entry.Job.Id, CancellationToken.None).ConfigureAwait(false) ?? entry.Job;
        }
        catch (Exception ex) when (StorageFailure.IsTransient(ex))
        {
            // Kept as last known; the next write tells.
        }
    }

    private SemaphoreSlim SlotFor(JobState state) => state switch
    {
        JobState.Downloading => downloads,
        JobState.Submitting or JobState.Processing => checks,
        _ => submits,
    };

    private void Schedule(HeldJob entry, DateTimeOffset at)
    {
        entry.NextRunAt = at;
        due.Schedule(entry.Job.Id, at);
    }

    private void Lose(HeldJob entry, string reason)
    {
        if (held.TryRemove(new KeyValuePair<string, HeldJob>(entry.Job.Id, entry)))
        {
            logger.LogWarning("Job {Job}: lease lost ({Reason}); this process stops working on it", entry.Job.Id, reason);
            Interrupt(entry);
            entry.Settle();
        }
    }

    // Settled (or not runnable here): the lease is given back so another worker can claim the job at once.
    private async Task LetGoAsync(HeldJob entry)
    {
        if (held.TryRemove(new KeyValuePair<string, HeldJob>(entry.Job.Id, entry)))
        {
            await ReleaseAsync(entry.Fence.Lease).ConfigureAwait(false);
            entry.Settle();
        }
    }

    private async Task ReleaseAsync(JobLease lease)
    {
        try
        {
            await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Job {Job}: could not release its lease ({Reason}); it lapses on its own", lease.JobId, ex.Message);
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(running.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("{Count} job steps were still stopping after 10 s; their jobs carry on from their stored state", running.Count);
        }

        await Task.WhenAll(held.Values.Select(LetGoAsync)).ConfigureAwait(false);
    }

    private static void Interrupt(HeldJob entry)
    {
        try
        {
            entry.StepCancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The step ended meanwhile.
        }
    }
}

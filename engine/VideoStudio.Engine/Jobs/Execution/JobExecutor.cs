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
/// make the job due now. A job not yet submitted runs only once the store admitted it within the account's limits
/// (<see cref="IJobStore.ClaimWithinLimitsAsync"/>, turns across owners): until then a job accepted here is only
/// reserved for this process (its input kept, no task, no timetable entry). Runs while <see cref="RunAsync"/> does
/// (owned by <see cref="JobsWorker"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The slots are never disposed: a step still stopping after the host disposed its services must release its slot without an ObjectDisposedException; they hold no wait handle.")]
internal sealed class JobExecutor(IJobStore store, JobSteps steps, JobWriter writer, JobModels models, JobWorker worker, IVideoProvider provider,
    TimeProvider time, IOptions<JobOptions> options, ILogger<JobExecutor> logger)
{
    private const string Admission = "admit";
    private readonly ConcurrentDictionary<string, HeldJob> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReservedJob> reserved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (JobPlan Plan, JsonObject Input)> expected = new(StringComparer.Ordinal);
    private readonly Timetable admissions = new(time);
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

    /// <summary>How many jobs this process holds now (running or waiting for their next step; not those only reserved).</summary>
    public int Count => held.Count;

    /// <summary>True while this process holds any lease: a held job, or one reserved for it and not admitted yet.</summary>
    public bool HasLeases => !held.IsEmpty || !reserved.IsEmpty;

    /// <summary>The account's limits every claim of a job not yet submitted is counted against.</summary>
    public SubmitLimits Limits => new(provider.Metadata.Account, options.Value.MaxConcurrentJobs, options.Value.SubmitsPerMinute);

    /// <summary>True while this process holds the job.</summary>
    public bool Holds(string jobId) => held.ContainsKey(jobId);

    /// <summary>
    /// Takes on a job accepted here (its lease granted at creation), with the caller's input as given. A queued job is
    /// reserved until the store admits it within the account's limits (at once when there is room); any other is due at once.
    /// </summary>
    public void Hold(JobRecord job, JobLease lease, JobPlan? plan, JsonObject input)
    {
        expected.TryRemove(job.Id, out _);
        if (held.ContainsKey(job.Id))
        {
            return; // admitted already, with the input given to Expect
        }

        if (job.State == JobState.Queued && lease.Token == 1)
        {
            // The caller's input is kept only where it differs from the stored one (a signed URL the record redacts).
            reserved[job.Id] = new ReservedJob(job, lease, plan, JsonNode.DeepEquals(input, job.Input) ? null : input);
            admissions.Schedule(Admission, time.GetUtcNow());
            return;
        }

        Hold(job, lease, plan, input, admitted: true);
    }

    /// <summary>
    /// Announces a job about to be created here with the caller's input as given, so a claim that admits it before
    /// <see cref="Hold(JobRecord, JobLease, JobPlan?, JsonObject)"/> hands it over still sends that input; <see cref="Forget"/> when it was not created.
    /// </summary>
    public void Expect(string jobId, JobPlan plan, JsonObject input) => expected[jobId] = (plan, input);

    /// <summary>Drops what <see cref="Expect"/> announced for a job that was not created.</summary>
    public void Forget(string jobId) => expected.TryRemove(jobId, out _);

    private void Hold(JobRecord job, JobLease lease, JobPlan? plan, JsonObject input, bool admitted)
    {
        var entry = new HeldJob(job, plan, new InputHolder(input), new LeaseFence(store, lease, options.Value.LeaseDuration)) { Admitted = admitted };
        if (held.TryGetValue(job.Id, out HeldJob? old))
        {
            Lose(old, "claimed again"); // work under the old token stops
        }

        held[job.Id] = entry;
        Schedule(entry, time.GetUtcNow());
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> unfinished jobs that no live worker holds, those not yet submitted only within
    /// the account's limits (with this process's reserved jobs, in turns across owners), and makes each due now; or only
    /// <paramref name="jobId"/> (then also one needing a decision; one not yet submitted is run only to be cancelled, else
    /// given back to be admitted in turn). Returns how many were taken on. A job this host cannot run (its model is not
    /// installed here) is given back at once.
    /// </summary>
    public async Task<int> ClaimAsync(int limit, string? jobId, CancellationToken cancellationToken)
    {
        if (jobId is not null)
        {
            return await TakeOnAsync(await store.ClaimAsync(new ClaimRequest(Terms, limit, jobId), cancellationToken).ConfigureAwait(false), admitted: false, cancellationToken).ConfigureAwait(false);
        }

        int abandoned = options.Value.AbandonJobsOfOtherProviders ? await AbandonOtherProvidersAsync(cancellationToken).ConfigureAwait(false) : 0;
        return abandoned + await ClaimWithinLimitsAsync(limit, cancellationToken).ConfigureAwait(false);
    }

    // Admits no more jobs than this process can start soon (AdmissionWindow, counting those admitted whose POST is not
    // answered yet): an admitted job is held (a timetable entry, a task waiting for a POST slot), a reserved one only its
    // reservation, so with a high MaxConcurrentJobs a backlog waits as reservations, not as thousands of held jobs.
    private async Task<int> ClaimWithinLimitsAsync(int limit, CancellationToken cancellationToken)
    {
        SubmitLimits limits = Limits with { AdmitAtMost = Math.Max(0, AdmissionWindow - held.Values.Count(e => e.Admitted && Waiting(e.Job.State))) };
        return await TakeOnAsync(await store.ClaimWithinLimitsAsync(new ClaimRequest(Terms, limit), limits, cancellationToken).ConfigureAwait(false), admitted: true, cancellationToken).ConfigureAwait(false);
    }

    // Jobs admitted and not yet submitted this process keeps at most: enough to keep every POST slot busy.
    private int AdmissionWindow => 4 * Math.Max(1, options.Value.MaxConcurrentSubmits);

    private async Task<int> TakeOnAsync(IReadOnlyList<ClaimedJob> claimed, bool admitted, CancellationToken cancellationToken)
    {
        int taken = 0;
        foreach ((JobRecord job, JobLease lease) in claimed)
        {
            JobPlan? plan;
            JsonObject input;
            if (reserved.TryRemove(job.Id, out ReservedJob? mine))
            {
                (plan, input) = (mine.Plan, mine.InputAsGiven); // accepted here: the caller's input as given
            }
            else if (expected.TryRemove(job.Id, out var given))
            {
                (plan, input) = given; // accepted here a moment ago, not handed over yet
            }
            else
            {
                plan = job.Provider == provider.Metadata.Account ? await models.PlanAsync(job, cancellationToken).ConfigureAwait(false) : null;
                input = job.Input;
            }

            if (plan is not null || !admitted)
            {
                Hold(job, lease, plan, input, admitted || !Waiting(job.State));
                taken++;
            }
            else
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }
        }

        return taken;
    }

    // The CLI's embedded simulator gets a new address every run: jobs sent to an earlier one can never be checked
    // again, so they end here (provider_gone). Jobs of this provider found on the way are given back, to be claimed
    // within the account's limits.
    private async Task<int> AbandonOtherProvidersAsync(CancellationToken cancellationToken)
    {
        int ended = 0;
        foreach ((JobRecord job, JobLease lease) in await store.ClaimAsync(new ClaimRequest(Terms, int.MaxValue), cancellationToken).ConfigureAwait(false))
        {
            if (job.Provider != provider.Metadata.Account)
            {
                var fence = new LeaseFence(store, lease, options.Value.LeaseDuration);
                Advance gone = StepResult.Fail(job, ErrorCodes.ProviderGone, $"The provider this job was sent to ({job.Provider}) is no longer running (an earlier embedded simulator session).", 0m, time.GetUtcNow());
                await writer.AdvanceAsync(gone, fence, cancellationToken).ConfigureAwait(false);
                ended++;
            }

            await ReleaseAsync(lease).ConfigureAwait(false);
        }

        return ended;
    }

    /// <summary>
    /// Takes the renewed leases of the jobs reserved for this process (not admitted yet); a reserved job whose lease
    /// was not renewed is dropped here (another worker may claim it).
    /// </summary>
    public void Renewed(IReadOnlyDictionary<string, JobLease> renewed)
    {
        foreach (ReservedJob job in reserved.Values)
        {
            if (renewed.TryGetValue(job.Job.Id, out JobLease? fresh) && fresh.Token == job.Lease.Token)
            {
                reserved.TryUpdate(job.Job.Id, job with { Lease = fresh }, job);
            }
            else if (reserved.TryRemove(new KeyValuePair<string, ReservedJob>(job.Job.Id, job)))
            {
                logger.LogWarning("Job {Job}: its reservation lapsed before it was admitted; another worker may claim it", job.Job.Id);
            }
        }
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
        if (reserved.TryRemove(jobId, out ReservedJob? waiting))
        {
            Hold(waiting.Job, waiting.Lease, waiting.Plan, waiting.InputAsGiven, admitted: false);
        }

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
        Task admitting = AdmitAsync(cancellationToken);
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

        await admitting.ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    // Asks the store to admit the reserved jobs whenever room may have opened (a job accepted, a job past its
    // submission, a lease given back) and every SignalInterval while any waits (other hosts' jobs, the sliding minute).
    private async Task AdmitAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await admissions.NextDueAsync(cancellationToken).ConfigureAwait(false);
                if (reserved.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await ClaimWithinLimitsAsync(options.Value.TakeoverInterval is null ? reserved.Count : int.MaxValue, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    logger.LogWarning("Jobs: waiting jobs could not be admitted now ({Reason}); trying again", ex.Message);
                }

                if (!reserved.IsEmpty)
                {
                    admissions.Schedule(Admission, time.GetUtcNow() + options.Value.SignalInterval);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: reserved jobs are given back by the drain.
        }
    }

    private void RoomMayHaveOpened()
    {
        if (!reserved.IsEmpty)
        {
            admissions.Schedule(Admission, time.GetUtcNow());
        }
    }

    // Not yet submitted: such a job takes a place in the account's room while held.
    private static bool Waiting(JobState state) => state is JobState.Queued or JobState.Uploading;

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

        if (!entry.Admitted && Waiting(entry.Job.State))
        {
            await LetGoAsync(entry).ConfigureAwait(false); // claimed by id: admitted within the account's limits in turn
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

        if (entry.CancelRequested && held.ContainsKey(entry.Job.Id) && !JobStates.Settled(entry.Job.State))
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

                    bool wasWaiting = Waiting(entry.Job.State);
                    entry.Job = stored;
                    entry.Answer = advance.Answer;
                    entry.Waits = 0;
                    // Room in the account (a job past processing) or in this process's admission window (one submitted).
                    if (stored.State is not (JobState.Queued or JobState.Uploading or JobState.Submitting or JobState.Processing) || (wasWaiting && !Waiting(stored.State)))
                    {
                        RoomMayHaveOpened();
                    }

                    if (JobStates.Settled(stored.State))
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
            return new Wait(now + ProviderErrors.Backoff(TimeSpan.FromMilliseconds(200), options.Value.LeaseRenewInterval, entry.Waits), Redaction.Message(ex.Message));
        }

        logger.LogError(ex, "Job {Job} stopped unexpectedly", entry.Job.Id);
        JobRecord job = entry.Job;
        string message = $"The job stopped unexpectedly ({ex.GetType().Name}: {Redaction.Message(ex.Message)}).";
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
            RoomMayHaveOpened();
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
        foreach (string jobId in reserved.Keys)
        {
            if (reserved.TryRemove(jobId, out ReservedJob? job))
            {
                await ReleaseAsync(job.Lease).ConfigureAwait(false);
            }
        }
    }

    // A job accepted here and reserved for this process until the store admits it: its lease (token 1), plan and the
    // caller's input as given where the stored record's differs (null: the same).
    private sealed record ReservedJob(JobRecord Job, JobLease Lease, JobPlan? Plan, JsonObject? Input)
    {
        public JsonObject InputAsGiven => Input ?? Job.Input;
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

using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// One scheduler over every job at the provider (no thread or loop per job): a priority queue of next-check
/// times, a bounded number of result GETs in flight, backoff per job, a deadline per job. A webhook hands a
/// result in directly; polling remains the fallback. Polling is a scheduler, not a retry policy.
/// </summary>
public sealed class PollScheduler : IAsyncDisposable
{
    private readonly JobContext context;
    private readonly JobCompletion completion;
    private readonly Timetable queue;
    private readonly Dictionary<string, TrackedJob> tracked = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <summary>Creates the scheduler and starts its loop.</summary>
    public PollScheduler(JobContext context, JobCompletion completion)
    {
        this.context = context;
        this.completion = completion;
        queue = new Timetable(context.Time);
        slots = new SemaphoreSlim(context.Options.PollConcurrency);
        loop = Task.Run(LoopAsync);
    }

    /// <summary>Jobs currently tracked.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return tracked.Count;
            }
        }
    }

    /// <summary>Records a prediction id (the moment it is known), moves the job to Processing with its deadline, and tracks it.</summary>
    public async Task<JobRecord> AdoptAsync(JobRecord job, JobPlan plan, string predictionId, IDisposable lease, ProviderTask? first, CancellationToken cancellationToken)
    {
        PollPolicy policy = plan.Poll;
        JobRecord adopted;
        try
        {
            adopted = await context.TransitionAsync(job, JobState.Processing, j => j with
            {
                PredictionId = predictionId,
                Deadline = context.Time.GetUtcNow() + policy.Deadline,
                Error = null, // a refusal it waited out before submission no longer applies
            }, JobEventKind.Submitted, $"prediction {predictionId}", cancellationToken).ConfigureAwait(false);
        }
        catch (JobSupersededException ex) when (ex.Current is { IsTerminal: true, PredictionId: null })
        {
            // Cancelled while its POST was in flight: the paid task exists, so its id is kept on the record, not dropped.
            lease.Dispose();
            context.Logger.LogWarning("Job {Job} was {State} while its submission was in flight; the provider accepted it as prediction {Prediction}, recorded on the job",
                job.Id, ex.Current.State, predictionId);
            return await context.WriteAsync(ex.Current with { PredictionId = predictionId }, null, cancellationToken).ConfigureAwait(false);
        }

        Track(adopted, plan, lease, first);
        return adopted;
    }

    /// <summary>
    /// Starts watching a job that is at the provider. <paramref name="lease"/> (its submission slot) is released when
    /// it ends; the job's store lease is in use here until then.
    /// </summary>
    /// <param name="job">The job, at the provider.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="lease">Its submission slot.</param>
    /// <param name="first">The answer already in hand (from the submission or reconciliation), if any.</param>
    /// <param name="checkAtOnce">Check at once rather than after the first interval: a job taken over from another worker may have finished meanwhile.</param>
    public void Track(JobRecord job, JobPlan plan, IDisposable lease, ProviderTask? first = null, bool checkAtOnce = false)
    {
        _ = TrackAsync(job, plan, new Both(lease, context.Leases.Use(job.Id)), first, checkAtOnce);
    }

    /// <summary>
    /// Checks a tracked job's result at once (a verified webhook said it changed): the provider's own result
    /// endpoint is asked, never the webhook body alone.
    /// </summary>
    public async Task CheckNowAsync(string jobId)
    {
        TrackedJob? entry;
        lock (sync)
        {
            entry = tracked.GetValueOrDefault(jobId);
        }

        if (entry is null)
        {
            return;
        }

        ProviderTask snapshot = await context.Provider.GetResultAsync(entry.Job.PredictionId!, stop.Token).ConfigureAwait(false);
        if (snapshot.Status is ProviderTaskStatus.Completed or ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled or ProviderTaskStatus.TimedOut or ProviderTaskStatus.Deleted)
        {
            await HandleAsync(jobId, snapshot).ConfigureAwait(false);
        }
    }

    private async Task TrackAsync(JobRecord job, JobPlan plan, IDisposable lease, ProviderTask? first, bool checkAtOnce)
    {
        var entry = new TrackedJob(job, lease, plan);
        lock (sync)
        {
            tracked[job.Id] = entry;
        }

        if (first is { Status: ProviderTaskStatus.Completed or ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled or ProviderTaskStatus.TimedOut or ProviderTaskStatus.Deleted })
        {
            await HandleAsync(job.Id, first).ConfigureAwait(false);
            return;
        }

        Schedule(job.Id, context.Time.GetUtcNow() + (checkAtOnce ? TimeSpan.Zero : entry.Interval));
    }

    /// <summary>Stops watching a job (cancelled by the caller) and releases its slot.</summary>
    public void Untrack(string jobId) => Take(jobId)?.Lease.Dispose();

    private void Schedule(string jobId, DateTimeOffset at) => queue.Schedule(jobId, at);

    private TrackedJob? Take(string jobId)
    {
        lock (sync)
        {
            return tracked.Remove(jobId, out TrackedJob? t) ? t : null;
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (string id in await queue.NextDueAsync(stop.Token).ConfigureAwait(false))
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    _ = PollOneAsync(id);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: unfinished jobs resume from the store on the next start.
        }
    }

    private async Task PollOneAsync(string jobId)
    {
        ProviderTask? snapshot;
        try
        {
            snapshot = await CheckAsync(jobId).ConfigureAwait(false);
        }
        finally
        {
            // The slot bounds GETs only: completion (download, hash, writes) has its own limit in JobCompletion.
            slots.Release();
        }

        if (snapshot is null)
        {
            return;
        }

        try
        {
            await HandleAsync(jobId, snapshot).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.Logger.LogError(ex, "Job {Job}: unexpected error while handling its result", jobId);
        }
    }

    // One result GET; null when there is nothing more to do with this check (not tracked, failed, or rescheduled).
    private async Task<ProviderTask?> CheckAsync(string jobId)
    {
        TrackedJob? entry;
        lock (sync)
        {
            entry = tracked.GetValueOrDefault(jobId);
        }

        if (entry is null)
        {
            return null;
        }

        if (!context.Leases.IsHeld(jobId))
        {
            Take(jobId)?.Lease.Dispose(); // another worker holds the job now and polls it
            return null;
        }

        try
        {
            return await context.Provider.GetResultAsync(entry.Job.PredictionId!, stop.Token).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.Kind is ProviderErrorKind.NotFound)
        {
            if (Take(jobId) is { } gone)
            {
                using (gone.Lease) // released after the write: the job's lease is in use until then
                {
                    await context.FailAsync(gone.Job, JobRunner.ErrorCodeOf(ex), ex.Message, 0m, stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException or TimeoutException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            // Retries are exhausted inside the client; the scheduler simply checks again later, within the deadline. A
            // refused key is among these: the task was accepted and runs (and is paid for) whatever our key does now.
            context.Logger.LogWarning("Job {Job}: result check failed ({Reason}); checking again later", jobId, ex.Message);
            await ContinueAsync(entry, null).ConfigureAwait(false);
        }

        return null;
    }

    private async Task HandleAsync(string jobId, ProviderTask snapshot)
    {
        try
        {
            await ApplyAsync(jobId, snapshot).ConfigureAwait(false);
        }
        catch (JobSupersededException ex)
        {
            // Cancelled (or otherwise settled) while its result was being applied: the other writer's state stands.
            context.Logger.LogInformation("Job {Job}: result not applied, the job is already {State}", jobId, ex.Current.State);
        }
        catch (JobLeaseLostException)
        {
            Take(jobId)?.Lease.Dispose(); // the new holder applies it
        }
    }

    private async Task ApplyAsync(string jobId, ProviderTask snapshot)
    {
        switch (snapshot.Status)
        {
            case ProviderTaskStatus.Completed:
                if (Take(jobId) is { } done)
                {
                    done.Policy.Completed(context.Time.GetUtcNow() - done.Started, done.Interval);
                    using (done.Lease)
                    {
                        await completion.CompleteAsync(done.Job, done.Plan, snapshot, stop.Token).ConfigureAwait(false);
                    }
                }

                break;
            case ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled or ProviderTaskStatus.TimedOut or ProviderTaskStatus.Deleted:
                if (Take(jobId) is { } failed)
                {
                    using (failed.Lease)
                    {
                        // The adapter maps its own task code to a kind, which picks the stable code; the message keeps the provider's code.
                        string taskCode = snapshot.ErrorCode is string n ? $" (code {n})" : string.Empty;
                        await context.FailAsync(failed.Job, JobRunner.ErrorCodeOf(snapshot.ErrorKind ?? ProviderErrorKind.ProviderFailure), $"The provider reports the task {snapshot.RawStatus}{taskCode}: {snapshot.Error ?? "no reason given"}.", 0m, stop.Token).ConfigureAwait(false);
                    }
                }

                break;
            default:
                TrackedJob? entry;
                lock (sync)
                {
                    entry = tracked.GetValueOrDefault(jobId);
                }

                if (entry is not null)
                {
                    if (snapshot.Status == ProviderTaskStatus.Unknown)
                    {
                        context.Logger.LogWarning("Job {Job}: unknown provider status '{Status}'; polling until the deadline", jobId, snapshot.RawStatus);
                    }

                    await ContinueAsync(entry, snapshot).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task ContinueAsync(TrackedJob entry, ProviderTask? snapshot)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        if (entry.Job.Deadline is DateTimeOffset deadline && now > deadline)
        {
            if (Take(entry.Job.Id) is { } late)
            {
                using (late.Lease)
                {
                    await context.FailAsync(late.Job, ErrorCodes.DeadlineExceeded,
                        $"No result within the deadline ({late.Policy.Deadline.TotalMinutes:0.#} min). Prediction {late.Job.PredictionId} may still finish and be billed at the provider; it is no longer checked.",
                        late.Job.EstimateUsd ?? 0m, stop.Token).ConfigureAwait(false);
                }
            }

            return;
        }

        context.Events.Publish(new JobEvent(entry.Job.Id, JobEventKind.Processing, JobState.Processing, now, snapshot?.RawStatus,
            ElapsedSeconds: (now - entry.Started).TotalSeconds, ExpectedSeconds: entry.Policy.Expected.TotalSeconds));
        entry.Interval = entry.Policy.Next(now - entry.Started);
        Schedule(entry.Job.Id, now + entry.Interval);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        slots.Dispose();
    }
}

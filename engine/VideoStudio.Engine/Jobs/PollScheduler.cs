using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Providers.WaveSpeed;

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
    private readonly IVideoStudio studio;
    private readonly PriorityQueue<string, DateTimeOffset> queue = new();
    private readonly Dictionary<string, Tracked> tracked = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the scheduler and starts its loop.</summary>
    public PollScheduler(JobContext context, JobCompletion completion, IVideoStudio studio)
    {
        this.context = context;
        this.completion = completion;
        this.studio = studio;
        slots = new SemaphoreSlim(Math.Max(1, context.Options.PollConcurrency));
        loop = Task.Run(LoopAsync);
    }

    private sealed class Tracked(JobRecord job, IDisposable lease, PollPolicy policy)
    {
        public JobRecord Job { get; set; } = job;

        public IDisposable Lease { get; } = lease;

        public PollPolicy Policy { get; } = policy;

        public TimeSpan Interval { get; set; } = policy.FirstCheck;

        public DateTimeOffset Started { get; } = job.Transitions.LastOrDefault(t => t.State == JobState.Processing)?.At ?? job.UpdatedAt;
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

    /// <summary>The poll policy of a job's model, sized by its scaling media (probed at validation).</summary>
    public PollPolicy PolicyFor(JobRecord job, ModelDefinition model)
    {
        double? mediaSeconds = model.Processing.PerMediaSecond is { } scaling && job.MediaSeconds?.TryGetValue(scaling.Field, out double s) == true ? s : null;
        return PollPolicy.For(model.Processing, mediaSeconds, context.Options.ProcessingTimeScale);
    }

    /// <summary>Records a prediction id (the moment it is known), moves the job to Processing with its deadline, and tracks it.</summary>
    public async Task<JobRecord> AdoptAsync(JobRecord job, string predictionId, IDisposable lease, PredictionSnapshot? first, CancellationToken cancellationToken)
    {
        ModelDefinition model = (await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false)).Registry.Find(job.ModelId);
        PollPolicy policy = PolicyFor(job, model);
        JobRecord adopted = await context.TransitionAsync(job, JobState.Processing, j => j with
        {
            PredictionId = predictionId,
            Deadline = context.Time.GetUtcNow() + policy.Deadline,
        }, JobEventKind.Submitted, $"prediction {predictionId}", cancellationToken).ConfigureAwait(false);
        Track(adopted, lease, first);
        return adopted;
    }

    /// <summary>Starts watching a job that is at the provider. <paramref name="lease"/> is released when it ends.</summary>
    public void Track(JobRecord job, IDisposable lease, PredictionSnapshot? first = null)
    {
        _ = TrackAsync(job, lease, first);
    }

    private async Task TrackAsync(JobRecord job, IDisposable lease, PredictionSnapshot? first)
    {
        ModelDefinition model = (await studio.GetCatalogAsync(stop.Token).ConfigureAwait(false)).Registry.Find(job.ModelId);
        var entry = new Tracked(job, lease, PolicyFor(job, model));
        lock (sync)
        {
            tracked[job.Id] = entry;
        }

        if (first is { Status: PredictionStatus.Completed or PredictionStatus.Failed or PredictionStatus.Cancelled or PredictionStatus.TimedOut or PredictionStatus.Deleted })
        {
            await HandleAsync(job.Id, first).ConfigureAwait(false);
            return;
        }

        Schedule(job.Id, context.Time.GetUtcNow() + entry.Interval);
    }

    /// <summary>Stops watching a job (cancelled by the caller) and releases its slot.</summary>
    public void Untrack(string jobId) => Take(jobId)?.Lease.Dispose();

    /// <summary>A result delivered by a verified webhook: handled at once if the job is tracked.</summary>
    public Task OnResultAsync(PredictionSnapshot snapshot)
    {
        string? jobId;
        lock (sync)
        {
            jobId = tracked.Values.FirstOrDefault(t => t.Job.PredictionId == snapshot.Id)?.Job.Id;
        }

        return jobId is null ? Task.CompletedTask : HandleAsync(jobId, snapshot);
    }

    private void Schedule(string jobId, DateTimeOffset at)
    {
        lock (sync)
        {
            queue.Enqueue(jobId, at);
            wake.TrySetResult();
        }
    }

    private Tracked? Take(string jobId)
    {
        lock (sync)
        {
            return tracked.Remove(jobId, out Tracked? t) ? t : null;
        }
    }

    private async Task LoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Task signal;
            TimeSpan? wait = null;
            var dueNow = new List<string>();
            lock (sync)
            {
                if (wake.Task.IsCompleted)
                {
                    wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                signal = wake.Task;
                DateTimeOffset now = context.Time.GetUtcNow();
                while (queue.TryPeek(out string? id, out DateTimeOffset at) && at <= now)
                {
                    queue.Dequeue();
                    dueNow.Add(id);
                }

                if (queue.TryPeek(out _, out DateTimeOffset next))
                {
                    wait = next - now;
                }
            }

            foreach (string id in dueNow)
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                _ = PollOneAsync(id);
            }

            if (dueNow.Count > 0)
            {
                continue;
            }

            try
            {
                await (wait is TimeSpan delay ? Task.WhenAny(signal, Task.Delay(delay, context.Time, stop.Token)) : signal.WaitAsync(stop.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollOneAsync(string jobId)
    {
        PredictionSnapshot? snapshot;
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
    private async Task<PredictionSnapshot?> CheckAsync(string jobId)
    {
        Tracked? entry;
        lock (sync)
        {
            entry = tracked.GetValueOrDefault(jobId);
        }

        if (entry is null)
        {
            return null;
        }

        try
        {
            return await context.Provider.GetResultAsync(entry.Job.PredictionId!, stop.Token).ConfigureAwait(false);
        }
        catch (WaveSpeedException ex) when (ex.Kind is WaveSpeedErrorKind.NotFound or WaveSpeedErrorKind.Authentication)
        {
            if (Take(jobId) is { } gone)
            {
                gone.Lease.Dispose();
                await context.FailAsync(gone.Job, JobRunner.ErrorCodeOf(ex), ex.Message, 0m, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WaveSpeedException or HttpRequestException or TimeoutException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            // Retries are exhausted inside the client; the scheduler simply checks again later, within the deadline.
            context.Logger.LogWarning("Job {Job}: result check failed ({Reason}); checking again later", jobId, ex.Message);
            await ContinueAsync(entry, null).ConfigureAwait(false);
        }

        return null;
    }

    private async Task HandleAsync(string jobId, PredictionSnapshot snapshot)
    {
        switch (snapshot.Status)
        {
            case PredictionStatus.Completed:
                if (Take(jobId) is { } done)
                {
                    using (done.Lease)
                    {
                        await completion.CompleteAsync(done.Job, snapshot, stop.Token).ConfigureAwait(false);
                    }
                }

                break;
            case PredictionStatus.Failed or PredictionStatus.Cancelled or PredictionStatus.TimedOut or PredictionStatus.Deleted:
                if (Take(jobId) is { } failed)
                {
                    failed.Lease.Dispose();
                    string code = snapshot.ErrorCode is int c ? $"provider_{c}" : "provider_" + snapshot.Status.ToString().ToLowerInvariant();
                    await context.FailAsync(failed.Job, code, $"The provider reports the task {snapshot.RawStatus}: {snapshot.Error ?? "no reason given"}.", 0m, stop.Token).ConfigureAwait(false);
                }

                break;
            default:
                Tracked? entry;
                lock (sync)
                {
                    entry = tracked.GetValueOrDefault(jobId);
                }

                if (entry is not null)
                {
                    if (snapshot.Status == PredictionStatus.Unknown)
                    {
                        context.Logger.LogWarning("Job {Job}: unknown provider status '{Status}'; polling until the deadline", jobId, snapshot.RawStatus);
                    }

                    await ContinueAsync(entry, snapshot).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task ContinueAsync(Tracked entry, PredictionSnapshot? snapshot)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        if (entry.Job.Deadline is DateTimeOffset deadline && now > deadline)
        {
            if (Take(entry.Job.Id) is { } late)
            {
                late.Lease.Dispose();
                await context.FailAsync(late.Job, "deadline_exceeded",
                    $"No result within the deadline ({late.Policy.Deadline.TotalMinutes:0.#} min). Prediction {late.Job.PredictionId} may still finish and be billed at the provider; it is no longer checked.",
                    late.Job.EstimateUsd ?? 0m, stop.Token).ConfigureAwait(false);
            }

            return;
        }

        context.Events.Publish(new JobEvent(entry.Job.Id, JobEventKind.Processing, JobState.Processing, now, snapshot?.RawStatus,
            ElapsedSeconds: (now - entry.Started).TotalSeconds, ExpectedSeconds: entry.Policy.Expected.TotalSeconds));
        entry.Interval = entry.Policy.Next(entry.Interval);
        Schedule(entry.Job.Id, now + entry.Interval);
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

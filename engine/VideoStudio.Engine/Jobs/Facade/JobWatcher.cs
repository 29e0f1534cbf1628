using System.Runtime.CompilerServices;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// A job's progress as a stream: the stored state first, then live events from this process, and the store re-read
/// every second so a job another process runs is followed too. Ends when the job settles.
/// </summary>
internal sealed class JobWatcher(JobContext context)
{
    /// <summary>The job's events until it is terminal or needs a decision.</summary>
    public async IAsyncEnumerable<JobEvent> WatchAsync(string jobId, string owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IAsyncEnumerator<JobEvent> live = context.Events.SubscribeAsync(jobId, linked.Token).GetAsyncEnumerator(linked.Token);
        Task<bool>? next = null;
        try
        {
            JobRecord job = await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
            JobState last = job.State;
            yield return Snapshot(job);
            if (JobStates.Settled(job.State))
            {
                yield break;
            }

            // Live events from this process; the store is re-read every second for a job another process is running.
            while (true)
            {
                next ??= live.MoveNextAsync().AsTask();
                Task tick = Task.Delay(TimeSpan.FromSeconds(1), context.Time, cancellationToken);
                if (await Task.WhenAny(next, tick).ConfigureAwait(false) == next)
                {
                    if (!await next.ConfigureAwait(false))
                    {
                        yield break;
                    }

                    JobEvent e = live.Current;
                    next = null;
                    last = e.State;
                    yield return e;
                    if (JobStates.Settled(e.State))
                    {
                        yield break;
                    }
                }
                else
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    job = await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? job;
                    if (job.State != last)
                    {
                        last = job.State;
                        yield return Snapshot(job);
                        if (JobStates.Settled(job.State))
                        {
                            yield break;
                        }
                    }
                }
            }
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            if (next is not null)
            {
                // An async iterator cannot be disposed while a MoveNextAsync is pending (NotSupportedException): let it end first.
                await Task.WhenAny(next).ConfigureAwait(false);
            }

            await live.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static JobEvent Snapshot(JobRecord job) => new(job.Id, job.State switch
    {
        JobState.Queued or JobState.Submitting => JobEventKind.Queued,
        JobState.Uploading => JobEventKind.Uploading,
        JobState.Processing => JobEventKind.Processing,
        JobState.Downloading => JobEventKind.Downloading,
        JobState.Completed => JobEventKind.Completed,
        JobState.Cancelled => JobEventKind.Cancelled,
        JobState.NeedsDecision => JobEventKind.NeedsDecision,
        _ => JobEventKind.Failed,
    }, job.State, job.UpdatedAt, job.Error?.Message ?? JobEvent.CompletedMessage(job.Outputs));
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace VideoStudio.Engine.Jobs;

/// <summary>In-process fan-out of job events to any number of watchers (CLI progress, SSE, host callbacks).</summary>
internal sealed class JobEventHub
{
    private readonly ConcurrentDictionary<Guid, (string? JobId, Channel<JobEvent> Channel)> subscribers = new();

    /// <summary>Publishes an event to every watcher of its job (and of all jobs).</summary>
    public void Publish(JobEvent e)
    {
        foreach ((string? jobId, Channel<JobEvent> channel) in subscribers.Values)
        {
            if (jobId is null || jobId == e.JobId)
            {
                channel.Writer.TryWrite(e);
            }
        }
    }

    /// <summary>Events of one job (or all when <paramref name="jobId"/> is null) until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<JobEvent> SubscribeAsync(string? jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        // Bounded so a slow watcher cannot grow memory without limit; the oldest progress event is the one dropped.
        var channel = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        subscribers[id] = (jobId, channel);
        try
        {
            await foreach (JobEvent e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            subscribers.TryRemove(id, out _);
        }
    }
}

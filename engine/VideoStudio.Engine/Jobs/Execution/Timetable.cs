namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// Ids that come due at a time on a <see cref="TimeProvider"/> clock: one priority queue and one waiter for any
/// number of items (no timer or task per item). Scheduling an earlier item wakes the waiter.
/// </summary>
internal sealed class Timetable(TimeProvider time)
{
    private readonly PriorityQueue<string, DateTimeOffset> queue = new();
    private readonly Lock sync = new();
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes <paramref name="id"/> due at <paramref name="at"/>.</summary>
    public void Schedule(string id, DateTimeOffset at)
    {
        lock (sync)
        {
            queue.Enqueue(id, at);
            wake.TrySetResult();
        }
    }

    /// <summary>Waits until at least one id is due, then returns every id that is.</summary>
    public async Task<IReadOnlyList<string>> NextDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            TimeSpan? wait = null;
            var due = new List<string>();
            lock (sync)
            {
                if (wake.Task.IsCompleted)
                {
                    wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                signal = wake.Task;
                DateTimeOffset now = time.GetUtcNow();
                while (queue.TryPeek(out string? id, out DateTimeOffset at) && at <= now)
                {
                    queue.Dequeue();
                    due.Add(id);
                }

                if (queue.TryPeek(out _, out DateTimeOffset next))
                {
                    wait = next - now;
                }
            }

            if (due.Count > 0)
            {
                return due;
            }

            await (wait is TimeSpan delay ? Task.WhenAny(signal, Task.Delay(delay, time, cancellationToken)) : signal.WaitAsync(cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

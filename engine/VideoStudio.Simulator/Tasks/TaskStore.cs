using System.Collections.Concurrent;

namespace VideoStudio.Simulator.Tasks;

/// <summary>
/// Holds every prediction, finds each new task's start time under the concurrency limit, and arms one timer
/// per task (on the injected <see cref="TimeProvider"/>) that fires at its terminal instant for sync waits and
/// webhooks. Reads never depend on the timer: status is computed from the clock.
/// </summary>
internal sealed class TaskStore(SimulatorOptions options, WebhookSender webhooks) : IDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedTask> tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ITimer> timers = [];
    private readonly Lock scheduleGate = new();

    /// <summary>The earliest instant ≥ <paramref name="now"/> at which fewer than the limit of tasks are running.</summary>
    public DateTimeOffset NextStart(DateTimeOffset now)
    {
        if (options.Limits.MaxConcurrentTasks is not int limit)
        {
            return now;
        }

        lock (scheduleGate)
        {
            return NextStartCore(now, limit);
        }
    }

    private DateTimeOffset NextStartCore(DateTimeOffset now, int limit)
    {
        {
            SimulatedTask[] live = tasks.Values.Where(t => t.EndsAt > now).ToArray();
            IEnumerable<DateTimeOffset> candidates = live.Select(t => t.EndsAt).Prepend(now).Order();
            return candidates.First(at => live.Count(t => t.SlotAt <= at && t.EndsAt > at) < limit);
        }
    }

    /// <summary>Stores the task and arms its terminal timer. Scheduling and adding happen under one lock.</summary>
    public SimulatedTask Add(Func<DateTimeOffset, SimulatedTask> create)
    {
        SimulatedTask task;
        lock (scheduleGate)
        {
            DateTimeOffset now = options.TimeProvider.GetUtcNow();
            task = create(options.Limits.MaxConcurrentTasks is int limit ? NextStartCore(now, limit) : now);
            tasks[task.Id] = task;
        }

        TimeSpan due = task.EndsAt - options.TimeProvider.GetUtcNow();
        timers.Add(options.TimeProvider.CreateTimer(_ => OnTerminal(task), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan));
        return task;
    }

    /// <summary>The task, unless unknown or past retention.</summary>
    public SimulatedTask? Find(string id, DateTimeOffset now) =>
        tasks.TryGetValue(id, out SimulatedTask? task) && !IsExpired(task, now) ? task : null;

    /// <summary>Whether a task (and its output) is past the retention period.</summary>
    public bool IsExpired(SimulatedTask task, DateTimeOffset now) => now - task.CreatedAt >= options.OutputRetention;

    /// <summary>Every task still retained, newest first.</summary>
    public IReadOnlyList<SimulatedTask> All(DateTimeOffset now) =>
        tasks.Values.Where(t => !IsExpired(t, now)).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Whether any task with this id was ever created (expired included).</summary>
    public bool Exists(string id) => tasks.ContainsKey(id);

    public void Dispose()
    {
        foreach (ITimer timer in timers)
        {
            timer.Dispose();
        }
    }

    private void OnTerminal(SimulatedTask task)
    {
        task.MarkFinished();
        if (task.Webhook is not null)
        {
            webhooks.Enqueue(task);
        }
    }
}

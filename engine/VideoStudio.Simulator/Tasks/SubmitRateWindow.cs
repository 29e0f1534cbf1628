namespace VideoStudio.Simulator.Tasks;

/// <summary>Sliding one-minute window of accepted submits, for the tier's per-minute limit.</summary>
internal sealed class SubmitRateWindow(SimulatorOptions options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> accepted = new();

    /// <summary>Takes a slot, or returns how long until one frees.</summary>
    public TimeSpan? TryTake()
    {
        if (options.Limits.SubmitsPerMinute is not int limit)
        {
            return null;
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        lock (gate)
        {
            while (accepted.Count > 0 && now - accepted.Peek() >= Window)
            {
                accepted.Dequeue();
            }

            if (accepted.Count >= limit)
            {
                return accepted.Peek() + Window - now;
            }

            accepted.Enqueue(now);
            return null;
        }
    }
}

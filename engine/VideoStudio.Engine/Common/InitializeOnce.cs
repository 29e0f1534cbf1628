namespace VideoStudio.Engine.Common;

/// <summary>
/// Runs an asynchronous initialisation (a store's migration) once it succeeds, shared by concurrent callers. Unlike a
/// <c>Lazy&lt;Task&gt;</c>, a failure is not kept: the next caller tries again, so a store that was unreachable when
/// the host started is migrated and used as soon as it answers, without a restart.
/// </summary>
public sealed class InitializeOnce(Func<CancellationToken, Task> initialize)
{
    private readonly object gate = new();
    private Task? current;

    /// <summary>Completes when the initialisation has succeeded; starts it (again, after a failure) when needed.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled)
            {
                // Not tied to one caller's token: others may be waiting on the same attempt.
                current = Task.Run(() => initialize(CancellationToken.None), CancellationToken.None);
            }

            attempt = current;
        }

        return attempt.WaitAsync(cancellationToken);
    }
}

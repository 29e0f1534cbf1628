namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// This process's one turn at a SQLite file's writer, waited for asynchronously, in two queues: executor writes go
/// before intake creates. With one first-come queue, a burst of callers submitting put every claim, write-ahead and
/// completion behind their creates, so admission fell to a few jobs a second while accepted jobs piled up in memory.
/// Intake is never shut out: after <see cref="ExecutorTurnsBeforeIntake"/> executor turns in a row while a create
/// waits, the create goes next.
/// </summary>
internal sealed class WriterTurn
{
    /// <summary>Executor turns given in a row while an intake create waits before one create goes.</summary>
    public const int ExecutorTurnsBeforeIntake = 4;

    private readonly Lock sync = new();
    private readonly Queue<TaskCompletionSource> executor = new();
    private readonly Queue<TaskCompletionSource> intake = new();
    private bool taken;
    private int executorInARow;

    /// <summary>Completes when the caller holds the turn; <see cref="Release"/> gives it to the next waiter.</summary>
    public Task WaitAsync(WriteLane lane, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (sync)
        {
            if (!taken)
            {
                taken = true;
                return Task.CompletedTask;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (lane == WriteLane.Executor ? executor : intake).Enqueue(turn);
        }

        return WaitForAsync(turn, cancellationToken);
    }

    /// <summary>Waits for the turn as <see cref="WaitAsync"/> does; disposing what it returns gives the turn back (once).</summary>
    public async Task<IDisposable> TakeAsync(WriteLane lane, CancellationToken cancellationToken)
    {
        await WaitAsync(lane, cancellationToken).ConfigureAwait(false);
        return new Taken(this);
    }

    /// <summary>Gives the turn to the next waiter (executor first), or frees it.</summary>
    public void Release()
    {
        lock (sync)
        {
            // A waiter that was cancelled in the queue refuses the turn; the next one gets it.
            while (Next() is { } turn)
            {
                if (turn.TrySetResult())
                {
                    return;
                }
            }

            taken = false;
        }
    }

    private static async Task WaitForAsync(TaskCompletionSource turn, CancellationToken cancellationToken)
    {
        // Either the cancel or Release completes the waiter, never both: a waiter given the turn holds it even if
        // its token fires afterwards (the caller's transaction gives it back).
        await using (cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), turn).ConfigureAwait(false))
        {
            await turn.Task.ConfigureAwait(false);
        }
    }

    private TaskCompletionSource? Next()
    {
        if (intake.Count > 0 && (executor.Count == 0 || executorInARow >= ExecutorTurnsBeforeIntake))
        {
            executorInARow = 0;
            return intake.Dequeue();
        }

        if (executor.Count > 0)
        {
            executorInARow = intake.Count > 0 ? executorInARow + 1 : 0;
            return executor.Dequeue();
        }

        return null;
    }

    private sealed class Taken(WriterTurn turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

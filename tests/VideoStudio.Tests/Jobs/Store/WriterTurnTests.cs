using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs.Store;

/// <summary>The order of one process's writers at a SQLite file: executor writes first, intake never shut out, a cancelled waiter skipped.</summary>
public sealed class WriterTurnTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Release_MoreExecutorWritesQueuedThanTheBound_IntakeCreateGoesAfterTheBound()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var turn = new WriterTurn();
        await turn.WaitAsync(WriteLane.Executor, ct);
        Task create = turn.WaitAsync(WriteLane.Intake, ct);
        Task[] steps = [.. Enumerable.Range(0, WriterTurn.ExecutorTurnsBeforeIntake + 1).Select(_ => turn.WaitAsync(WriteLane.Executor, ct))];

        for (int i = 0; i < WriterTurn.ExecutorTurnsBeforeIntake; i++)
        {
            turn.Release();
            await steps[i].WaitAsync(Bound, ct);
            create.IsCompleted.ShouldBeFalse($"executor write {i + 1} of {WriterTurn.ExecutorTurnsBeforeIntake} goes first");
        }

        turn.Release();
        await create.WaitAsync(Bound, ct);
        steps[^1].IsCompleted.ShouldBeFalse("after the bound the waiting create goes before the next executor write");
        turn.Release();
        await steps[^1].WaitAsync(Bound, ct);
    }

    [Fact]
    public async Task Release_FirstWaiterWasCancelled_NextWaiterGetsTheTurn()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var turn = new WriterTurn();
        await turn.WaitAsync(WriteLane.Executor, ct);
        using var gaveUp = new CancellationTokenSource();
        Task cancelled = turn.WaitAsync(WriteLane.Executor, gaveUp.Token);
        Task next = turn.WaitAsync(WriteLane.Executor, ct);

        await gaveUp.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound, ct));
        turn.Release();
        await next.WaitAsync(Bound, ct);
        turn.Release();

        await turn.WaitAsync(WriteLane.Intake, ct).WaitAsync(Bound, ct); // free again: taken at once
    }
}

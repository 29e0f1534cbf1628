using System.Data.Common;
using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs.Store;

/// <summary>
/// Writers of one process take turns at the SQLite file asynchronously, before they open a connection: a second writer
/// waits without holding a thread or a connection (Microsoft.Data.Sqlite's own busy handling sleeps the thread, which
/// starved the pool under a burst of submissions until the holder could not finish and the rest failed with "database
/// is locked"); the executor's writes go before queued intake creates.
/// </summary>
public sealed class SqliteWriterTurnTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string directory = Directory.CreateTempSubdirectory("sqlite-turn-").FullName;

    [Fact]
    public async Task WriterTurnAsync_AnotherWriterHoldsTheFile_WaitsWithoutBlockingThenGetsItsTurn()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var dialect = new SqliteDialect(Path.Combine(directory, "jobs.db"));
        IDisposable? held = await dialect.WriterTurnAsync(WriteLane.Executor, ct);
        await using (DbConnection first = await dialect.OpenAsync(ct))
        await using (DbTransaction holding = await dialect.BeginWriteAsync(first, ct))
        {
            Task<IDisposable?> waiting = dialect.WriterTurnAsync(WriteLane.Intake, ct);
            bool completedWhileHeld = waiting.IsCompleted;
            await holding.CommitAsync(ct);
            held!.Dispose();

            using IDisposable? turn = await waiting.WaitAsync(Bound, ct);
            await using DbConnection second = await dialect.OpenAsync(ct);
            await using DbTransaction tx = await dialect.BeginWriteAsync(second, ct);
            await using DbCommand write = dialect.Command(second, tx, "CREATE TABLE t (x integer)");
            await write.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);

            completedWhileHeld.ShouldBeFalse("the second writer waits for its turn asynchronously, holding no thread");
        }
    }

    [Fact]
    public async Task WriterTurnAsync_IntakeCreatesQueuedBeforeAnExecutorWrite_ExecutorWriteGoesFirst()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var dialect = new SqliteDialect(Path.Combine(directory, "jobs.db"));
        IDisposable? held = await dialect.WriterTurnAsync(WriteLane.Intake, ct);
        Task<IDisposable?> firstCreate = dialect.WriterTurnAsync(WriteLane.Intake, ct);
        Task<IDisposable?> secondCreate = dialect.WriterTurnAsync(WriteLane.Intake, ct);
        Task<IDisposable?> stepResult = dialect.WriterTurnAsync(WriteLane.Executor, ct);

        held!.Dispose();
        IDisposable? next = await Task.WhenAny(firstCreate, secondCreate, stepResult).Unwrap().WaitAsync(Bound, ct);
        bool createsStillWaiting = !firstCreate.IsCompleted && !secondCreate.IsCompleted;
        next!.Dispose();
        (await firstCreate.WaitAsync(Bound, ct))!.Dispose();
        (await secondCreate.WaitAsync(Bound, ct))!.Dispose();

        next.ShouldBeSameAs(await stepResult, "the executor's write, queued last, takes the turn before the creates queued ahead of it");
        createsStillWaiting.ShouldBeTrue();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

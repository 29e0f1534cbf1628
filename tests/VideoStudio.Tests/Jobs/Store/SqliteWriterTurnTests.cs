using System.Data.Common;
using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs.Store;

/// <summary>
/// Writers of one process take turns at the SQLite file asynchronously: a second writer waits without holding a
/// thread (Microsoft.Data.Sqlite's own busy handling sleeps the thread, which starved the pool under a burst of
/// submissions until the holder could not finish and the rest failed with "database is locked"); the executor's
/// writes go before queued intake creates.
/// </summary>
public sealed class SqliteWriterTurnTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sqlite-turn-").FullName;

    [Fact]
    public async Task BeginWriteAsync_AnotherWriterHoldsTheFile_WaitsWithoutBlockingThenGetsItsTurn()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var dialect = new SqliteDialect(Path.Combine(directory, "jobs.db"));
        await using DbConnection first = await dialect.OpenAsync(ct);
        await using DbConnection second = await dialect.OpenAsync(ct);
        DbTransaction held = await dialect.BeginWriteAsync(first, WriteLane.Executor, ct);

        Task<DbTransaction> waiting = dialect.BeginWriteAsync(second, WriteLane.Intake, ct);
        bool completedWhileHeld = waiting.IsCompleted;
        await held.DisposeAsync();
        await using DbTransaction turn = await waiting.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await using DbCommand write = dialect.Command(second, turn, "CREATE TABLE t (x integer)");
        await write.ExecuteNonQueryAsync(ct);
        await turn.CommitAsync(ct);

        completedWhileHeld.ShouldBeFalse("the second writer waits for its turn asynchronously, holding no thread");
    }

    [Fact]
    public async Task BeginWriteAsync_IntakeCreatesQueuedBeforeAnExecutorWrite_ExecutorWriteGoesFirst()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var dialect = new SqliteDialect(Path.Combine(directory, "jobs.db"));
        DbConnection[] connections = new DbConnection[4];
        for (int i = 0; i < connections.Length; i++)
        {
            connections[i] = await dialect.OpenAsync(ct);
        }

        try
        {
            DbTransaction held = await dialect.BeginWriteAsync(connections[0], WriteLane.Intake, ct);
            Task<DbTransaction> firstCreate = dialect.BeginWriteAsync(connections[1], WriteLane.Intake, ct);
            Task<DbTransaction> secondCreate = dialect.BeginWriteAsync(connections[2], WriteLane.Intake, ct);
            Task<DbTransaction> stepResult = dialect.BeginWriteAsync(connections[3], WriteLane.Executor, ct);

            await held.DisposeAsync();
            DbTransaction next = await Task.WhenAny(firstCreate, secondCreate, stepResult).Unwrap().WaitAsync(TimeSpan.FromSeconds(30), ct);
            bool createsStillWaiting = !firstCreate.IsCompleted && !secondCreate.IsCompleted;
            await next.DisposeAsync();
            await (await firstCreate.WaitAsync(TimeSpan.FromSeconds(30), ct)).DisposeAsync();
            await (await secondCreate.WaitAsync(TimeSpan.FromSeconds(30), ct)).DisposeAsync();

            stepResult.IsCompletedSuccessfully.ShouldBeTrue();
            next.ShouldBeSameAs(await stepResult, "the executor's write, queued last, takes the turn before the creates queued ahead of it");
            createsStillWaiting.ShouldBeTrue();
        }
        finally
        {
            foreach (DbConnection c in connections)
            {
                await c.DisposeAsync();
            }
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

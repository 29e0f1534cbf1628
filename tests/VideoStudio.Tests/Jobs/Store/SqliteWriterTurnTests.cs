using System.Data.Common;
using VideoStudio.Engine.Jobs.Store;

namespace VideoStudio.Tests.Jobs.Store;

/// <summary>
/// Writers of one process take turns at the SQLite file asynchronously: a second writer waits without holding a
/// thread (Microsoft.Data.Sqlite's own busy handling sleeps the thread, which starved the pool under a burst of
/// submissions until the holder could not finish and the rest failed with "database is locked").
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
        DbTransaction held = await dialect.BeginWriteAsync(first, ct);

        Task<DbTransaction> waiting = dialect.BeginWriteAsync(second, ct);
        bool completedWhileHeld = waiting.IsCompleted;
        await held.DisposeAsync();
        await using DbTransaction turn = await waiting.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await using DbCommand write = dialect.Command(second, turn, "CREATE TABLE t (x integer)");
        await write.ExecuteNonQueryAsync(ct);
        await turn.CommitAsync(ct);

        completedWhileHeld.ShouldBeFalse("the second writer waits for its turn asynchronously, holding no thread");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

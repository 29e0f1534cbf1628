using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// SQLite: one file in WAL mode shared by the processes of one machine. Every write is <c>BEGIN IMMEDIATE</c>
/// (the file's single writer), so claims, budget checks and account limits are never interleaved; money is exact
/// decimal text.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    // One turn at the writer per database file in this process (every store instance on the file shares it).
    private static readonly ConcurrentDictionary<string, WriterTurn> Writers = new(StringComparer.Ordinal);

    private readonly string connectionString;
    private readonly WriterTurn writer;

    public SqliteDialect(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = true }.ToString();
        writer = Writers.GetOrAdd(Path.GetFullPath(databasePath), _ => new WriterTurn());
    }

    /// <summary>
    /// Waits (asynchronously) for this process's turn at the file's writer, executor writes before intake creates
    /// (<see cref="WriterTurn"/>). SQLite answers a second writer "busy", and Microsoft.Data.Sqlite retries that by
    /// sleeping the calling thread: with many callers writing at once those sleeping threads starved the thread pool,
    /// the writer holding the lock waited for a thread, and the others failed after the busy timeout ("database is
    /// locked"). Callers of one process queue here without holding a thread or a connection; other processes still
    /// meet SQLite's own busy handling.
    /// </summary>
    public override async Task<IDisposable?> WriterTurnAsync(WriteLane lane, CancellationToken cancellationToken) =>
        await writer.TakeAsync(lane, cancellationToken).ConfigureAwait(false);

    public override string SkipLocked(string table) => string.Empty;

    public override string ForUpdate => string.Empty;

    public override string JsonText(string column, string property) => $"json_extract({column}, '$.{property}')";

    public override string MoneyType => "TEXT";

    public override IReadOnlyList<string> History => SqliteHistory.Migrations;

    public override string NewerSchemaAdvice => "upgrade VideoStudio or use another --data-dir";

    protected override bool NamedParameters => true;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Each pooled connection keeps its own page cache (2 MiB by default) and a busy host pools one per concurrent
        // caller: a small cache each keeps SQLite's memory flat, and a page it misses is read from the OS's cache.
        await using DbCommand cache = Command(connection, null, $"PRAGMA cache_size = -{PageCacheKiB}");
        await cache.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>The page cache of each connection, in KiB (SQLite's default is 2,000).</summary>
    internal const int PageCacheKiB = 256;

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using DbCommand wal = Command(connection, null, "PRAGMA journal_mode=WAL");
        await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override object Money(decimal usd) => usd.ToString(CultureInfo.InvariantCulture);

    public override decimal ReadMoney(DbDataReader reader, int column) => decimal.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

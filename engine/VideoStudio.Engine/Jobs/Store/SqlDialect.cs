using System.Data.Common;
using System.Globalization;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// What differs between the databases <see cref="SqlJobStore"/> runs on, and nothing else: how to connect, how a
/// claim skips rows other writers hold, how writers are serialised per owner or account, how money is stored, the
/// migrations (shipped history plus <see cref="StoreSchema.Shared"/>) and the store's clock. Every statement is one
/// text for both: parameters <c>$1…</c> in order, portable casts (<c>CAST($n AS text)</c>), <c>ON CONFLICT</c>, <c>RETURNING</c>.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>Appended to a claim's inner <c>SELECT</c> of <paramref name="table"/>: PostgreSQL skips rows another host is claiming; SQLite's single writer needs nothing.</summary>
    public abstract string SkipLocked(string table);

    /// <summary>Appended to a read inside a write that the write depends on (the row's state before it changes).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>The column type of an amount of money (exact decimal).</summary>
    public abstract string MoneyType { get; }

    /// <summary>The migrations this dialect shipped before the store was one (append nothing here: new ones go to <see cref="StoreSchema.Shared"/>).</summary>
    public abstract IReadOnlyList<string> History { get; }

    /// <summary>What a host that finds a newer schema should do (named in the refusal).</summary>
    public abstract string NewerSchemaAdvice { get; }

    /// <summary>Whether parameters need names (<c>$1</c> as a name for SQLite; PostgreSQL binds unnamed ones by position).</summary>
    protected abstract bool NamedParameters { get; }

    /// <summary>The store's clock: by default the one this process reads (SQLite's single machine); PostgreSQL's server clock.</summary>
    public virtual StoreClock Clock(TimeProvider time) => StoreClock.Of(time);

    /// <summary>Opens a connection (migrations are the store's business).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a write transaction (after <see cref="WriterTurnAsync"/>). On SQLite it takes the file's write lock at
    /// once (Microsoft.Data.Sqlite begins <c>IMMEDIATE</c> unless asked for a deferred one), so what it reads stands.
    /// </summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits for this process's turn at the writer, before a write's connection is opened (so writers waiting for it
    /// hold no connection); dispose it after the connection. <paramref name="lane"/> orders the writers of one process
    /// where they queue for one writer (SQLite, <see cref="WriterTurn"/>); null where writers need no turn (PostgreSQL's row locks).
    /// </summary>
    public virtual Task<IDisposable?> WriterTurnAsync(WriteLane lane, CancellationToken cancellationToken) => Task.FromResult<IDisposable?>(null);

    /// <summary>Serialises every writer of <paramref name="key"/> (an owner's budget, an account's limits) until <paramref name="tx"/> ends.</summary>
    public virtual Task LockAsync(DbConnection connection, DbTransaction tx, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQL reading the text property <paramref name="property"/> of the JSON in <paramref name="column"/>.</summary>
    public abstract string JsonText(string column, string property);

    /// <summary>Runs before the migrations, outside their transaction (SQLite: write-ahead logging).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises migrations of hosts starting at once (inside the migration transaction).</summary>
    public virtual Task LockMigrationsAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An amount of money as the parameter the money column takes.</summary>
    public abstract object Money(decimal usd);

    /// <summary>An amount of money read from the money column.</summary>
    public abstract decimal ReadMoney(DbDataReader reader, int column);

    /// <summary>A command with <paramref name="args"/> bound in order as <c>$1</c>, <c>$2</c>, … (null as SQL NULL).</summary>
    public DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        DbCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++)
        {
            DbParameter p = cmd.CreateParameter();
            if (NamedParameters)
            {
                p.ParameterName = "$" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

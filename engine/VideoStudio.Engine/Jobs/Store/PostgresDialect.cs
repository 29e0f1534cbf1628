using System.Data.Common;
using Npgsql;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// PostgreSQL (Npgsql) for many hosts: claims skip rows another host is claiming (<c>FOR UPDATE SKIP LOCKED</c>),
/// budgets are serialised per owner and account limits per provider with transaction-scoped advisory locks, and
/// migrations of hosts starting at once under one more.
/// </summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    // Any constant shared by every VideoStudio host; the advisory lock serialises their migrations.
    private const long MigrationLock = 0x5649_4445_4F53_0001;

    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    public override string SkipLocked(string table) => $" FOR UPDATE OF {table} SKIP LOCKED";

    public override string ForUpdate => " FOR UPDATE";

    public override string JsonText(string column, string property) => $"({column}::jsonb ->> '{property}')";

    public override string MoneyType => "numeric";

    public override IReadOnlyList<string> History => PostgresHistory.Migrations;

    public override string NewerSchemaAdvice => "upgrade every host to the same VideoStudio";

    protected override bool NamedParameters => false;

    // clock_timestamp(), not now(): read after a transaction's locks are taken, it is the time the write happens.
    public override StoreClock Clock(TimeProvider time) => StoreClock.Database(this, "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint)");

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task LockAsync(DbConnection connection, DbTransaction tx, string key, CancellationToken cancellationToken)
    {
        await using DbCommand cmd = Command(connection, tx, "SELECT pg_advisory_xact_lock(hashtextextended('videostudio:' || $1, 0))", key);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task LockMigrationsAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        await using DbCommand cmd = Command(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override object Money(decimal usd) => usd;

    public override decimal ReadMoney(DbDataReader reader, int column) => reader.GetDecimal(column);

    public override ValueTask DisposeAsync() => source.DisposeAsync();
}

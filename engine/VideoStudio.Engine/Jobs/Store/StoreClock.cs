using System.Data.Common;
using System.Globalization;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// The one clock a store's leases, submission windows, delivery claims, cap periods and due times are measured
/// on, so that hosts whose own clocks disagree still agree on when a lease lapses or a minute ends.
/// </summary>
internal abstract class StoreClock
{
    /// <summary>The store's time now, in Unix milliseconds, read on <paramref name="c"/> (inside <paramref name="tx"/> when given).</summary>
    public abstract ValueTask<long> NowAsync(DbConnection c, DbTransaction? tx, CancellationToken cancellationToken);

    /// <summary>A clock read in-process: SQLite's (its one machine is its own clock), or a test's.</summary>
    public static StoreClock Of(TimeProvider time) => new ProcessClock(time);

    /// <summary>The database server's clock (PostgreSQL's <c>now()</c>, the start of the current transaction).</summary>
    public static StoreClock Database(SqlDialect dialect, string nowSql) => new DatabaseClock(dialect, nowSql);

    private sealed class ProcessClock(TimeProvider time) : StoreClock
    {
        public override ValueTask<long> NowAsync(DbConnection c, DbTransaction? tx, CancellationToken cancellationToken) =>
            ValueTask.FromResult(time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private sealed class DatabaseClock(SqlDialect dialect, string nowSql) : StoreClock
    {
        public override async ValueTask<long> NowAsync(DbConnection c, DbTransaction? tx, CancellationToken cancellationToken)
        {
            await using DbCommand cmd = dialect.Command(c, tx, nowSql);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }
}

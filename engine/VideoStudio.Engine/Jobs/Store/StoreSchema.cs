using System.Data.Common;
using System.Globalization;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// Creates and migrates the job store's schema: each migration runs once, in order, in one transaction (hosts
/// starting at once serialised by the dialect), recorded in <c>schema_version</c>. A dialect's shipped history
/// comes first, then the migrations both databases share, written once.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The migrations both databases share, in portable SQL (<c>text</c>, <c>bigint</c>); append only.</summary>
    public static IReadOnlyList<string> Shared(string moneyType) =>
    [
        // The request each idempotency key was first used with (a hash), so a reuse with another body is refused; an
        // owner's jobs by state, so their queue is counted without reading their history.
        """
        ALTER TABLE jobs ADD COLUMN request_fingerprint text;
        CREATE INDEX ix_jobs_owner_state ON jobs(owner, state);
        """,
    ];

    /// <summary>Every migration of <paramref name="dialect"/>, oldest first.</summary>
    public static IReadOnlyList<string> Migrations(SqlDialect dialect) => [.. dialect.History, .. Shared(dialect.MoneyType)];

    /// <summary>The schema version this code writes on <paramref name="dialect"/>.</summary>
    public static int CurrentVersion(SqlDialect dialect) => Migrations(dialect).Count;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; refuses one written by a newer VideoStudio and leaves it untouched.</summary>
    public static async Task MigrateAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> migrations = Migrations(dialect);
        await using DbConnection c = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await dialect.PrepareAsync(c, cancellationToken).ConfigureAwait(false);
        await using DbTransaction tx = await dialect.BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
        await dialect.LockMigrationsAsync(c, tx, cancellationToken).ConfigureAwait(false);
        await using (DbCommand init = dialect.Command(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)"))
        {
            await init.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int version;
        await using (DbCommand read = dialect.Command(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
        {
            version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        if (version > migrations.Count)
        {
            throw new InvalidOperationException($"The job store was written by a newer VideoStudio (schema {version}, this build knows {migrations.Count}); {dialect.NewerSchemaAdvice}.");
        }

        for (int next = version; next < migrations.Count; next++)
        {
            await using DbCommand migrate = dialect.Command(c, tx, migrations[next] + $"\nINSERT INTO schema_version (version) VALUES ({next + 1});");
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

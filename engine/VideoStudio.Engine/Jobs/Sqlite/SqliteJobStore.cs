using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Jobs.Sqlite;

/// <summary>
/// The default <see cref="IJobStore"/>: one SQLite file in WAL mode, safe for several processes at once.
/// Budget checks and job creation happen in one <c>BEGIN IMMEDIATE</c> transaction, so concurrent submits never
/// overspend a cap.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    private readonly string connectionString;
    private readonly Lazy<Task> migrated;

    /// <summary>Opens (creating and migrating on first use) the store at <paramref name="databasePath"/>.</summary>
    public SqliteJobStore(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = true }.ToString();
        migrated = new Lazy<Task>(async () =>
        {
            await using SqliteConnection c = new(connectionString);
            await c.OpenAsync().ConfigureAwait(false);
            await SqliteSchema.MigrateAsync(c, CancellationToken.None).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, BudgetCaps caps, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false); // BEGIN IMMEDIATE: one writer at a time
        if (job.IdempotencyKey is not null)
        {
            JobRecord? existing = await ReadOneAsync(c, tx, "SELECT record FROM jobs WHERE owner = $a AND idempotency_key = $b", cancellationToken, job.Owner, job.IdempotencyKey).ConfigureAwait(false);
            if (existing is not null)
            {
                return (existing, false);
            }
        }

        decimal hold = job.HoldUsd ?? 0m;
        await CheckCapAsync(c, tx, job.Owner, hold, caps.DailyUsd, StartOfDay(caps.Now), "daily", cancellationToken).ConfigureAwait(false);
        await CheckCapAsync(c, tx, job.Owner, hold, caps.MonthlyUsd, StartOfMonth(caps.Now), "monthly", cancellationToken).ConfigureAwait(false);
        JobRecord stored = job with { Version = 1 };
        await ExecuteAsync(c, tx, """
            INSERT INTO jobs (id, owner, model_id, state, prediction_id, idempotency_key, created_at, version, record)
            VALUES ($a, $b, $c, $d, $e, $f, $g, 1, $h)
            """, cancellationToken, stored.Id, stored.Owner, stored.ModelId, stored.State.ToString(), stored.PredictionId, stored.IdempotencyKey,
            stored.CreatedAt.ToUnixTimeMilliseconds(), Serialize(stored)).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO reservations (job_id, owner, amount_usd, settled, created_at) VALUES ($a, $b, $c, 0, $d)", cancellationToken,
            stored.Id, stored.Owner, hold.ToString(CultureInfo.InvariantCulture), caps.Now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (stored, true);
    }

    /// <inheritdoc />
    public async Task<JobRecord> UpdateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        JobRecord next = job with { Version = job.Version + 1 };
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int rows = await ExecuteAsync(c, null, """
            UPDATE jobs SET state = $a, prediction_id = $b, version = $c, record = $d WHERE id = $e AND version = $f
            """, cancellationToken, next.State.ToString(), next.PredictionId, next.Version, Serialize(next), next.Id, job.Version).ConfigureAwait(false);
        return rows == 1 ? next : throw new JobConcurrencyException($"Job {job.Id} changed since version {job.Version} was read.");
    }

    /// <inheritdoc />
    public async Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $a AND owner = $b", cancellationToken, id, owner).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE prediction_id = $a", cancellationToken, predictionId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return state is null
            ? await ReadManyAsync(c, "SELECT record FROM jobs WHERE owner = $a ORDER BY created_at DESC, id LIMIT $b", cancellationToken, owner, limit).ConfigureAwait(false)
            : await ReadManyAsync(c, "SELECT record FROM jobs WHERE owner = $a AND state = $c ORDER BY created_at DESC, id LIMIT $b", cancellationToken, owner, limit, state.Value.ToString()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(c, "SELECT record FROM jobs WHERE state NOT IN ('Completed', 'Failed', 'Cancelled') ORDER BY created_at", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SettleAsync(string jobId, decimal finalUsd, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "UPDATE reservations SET amount_usd = $a, settled = 1 WHERE job_id = $b", cancellationToken,
            finalUsd.ToString(CultureInfo.InvariantCulture), jobId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        (decimal settled, decimal reserved, int jobs) = await SumAsync(c, null, owner, since, cancellationToken).ConfigureAwait(false);
        return new SpendSummary(settled, reserved, jobs);
    }

    private static async Task CheckCapAsync(SqliteConnection c, SqliteTransaction tx, string owner, decimal hold, decimal? cap, DateTimeOffset since, string period, CancellationToken ct)
    {
        if (cap is not decimal limit)
        {
            return;
        }

        (decimal settled, decimal reserved, _) = await SumAsync(c, tx, owner, since, ct).ConfigureAwait(false);
        decimal used = settled + reserved;
        if (used + hold > limit)
        {
            throw new BudgetExceededException(string.Create(CultureInfo.InvariantCulture,
                $"This job needs ${hold:0.00##} but the {period} cap for '{owner}' is ${limit:0.00##} and ${used:0.00##} is already spent or reserved (${Math.Max(0, limit - used):0.00##} left). Wait for the next period or raise the cap."));
        }
    }

    private static async Task<(decimal Settled, decimal Reserved, int Jobs)> SumAsync(SqliteConnection c, SqliteTransaction? tx, string owner, DateTimeOffset since, CancellationToken ct)
    {
        await using SqliteCommand cmd = Command(c, tx, "SELECT amount_usd, settled FROM reservations WHERE owner = $a AND created_at >= $b", owner, since.ToUnixTimeMilliseconds());
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        decimal settled = 0, reserved = 0;
        int jobs = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            decimal amount = decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            if (reader.GetInt64(1) == 1)
            {
                settled += amount;
            }
            else
            {
                reserved += amount;
            }

            jobs++;
        }

        return (settled, reserved, jobs);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        await migrated.Value.WaitAsync(ct).ConfigureAwait(false);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }

    private static async Task<JobRecord?> ReadOneAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? Deserialize(json) : null;
    }

    private static async Task<IReadOnlyList<JobRecord>> ReadManyAsync(SqliteConnection c, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, null, sql, args);
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add(Deserialize(reader.GetString(0)));
        }

        return jobs;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // Parameters are named $a, $b, ... in order.
    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params object?[] args)
    {
        SqliteCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (int i = 0; i < args.Length; i++)
        {
            cmd.Parameters.AddWithValue("$" + (char)('a' + i), args[i] ?? DBNull.Value);
        }

        return cmd;
    }

    private static string Serialize(JobRecord job) => JsonSerializer.Serialize(job, Json.Options);

    private static JobRecord Deserialize(string json) => JsonSerializer.Deserialize<JobRecord>(json, Json.Options)!;

    private static DateTimeOffset StartOfDay(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset StartOfMonth(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
}

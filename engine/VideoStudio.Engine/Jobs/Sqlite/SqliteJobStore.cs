using System.Globalization;
using Microsoft.Data.Sqlite;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;

using static VideoStudio.Engine.Jobs.Sqlite.SqliteSql;

namespace VideoStudio.Engine.Jobs.Sqlite;

/// <summary>
/// The default <see cref="IJobStore"/>: one SQLite file in WAL mode, shared by any number of processes on one
/// machine. Every write is one <c>BEGIN IMMEDIATE</c> transaction (SQLite's single writer), so a claim, a
/// fenced write, a budget check or a submission-limit check is never interleaved with another process's.
/// Times are the host's <see cref="TimeProvider"/> in Unix milliseconds.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    private const string Unsettled = "state NOT IN ('Completed', 'Failed', 'Cancelled', 'NeedsDecision')";
    private readonly string connectionString;
    private readonly TimeProvider time;
    private readonly Lazy<Task> migrated;
    private readonly WebhookOutbox outbox;

    /// <summary>Opens (creating and migrating on first use) the store at <paramref name="databasePath"/>.</summary>
    public SqliteJobStore(string databasePath, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30, Pooling = true }.ToString();
        migrated = new Lazy<Task>(async () =>
        {
            await using SqliteConnection c = new(connectionString);
            await c.OpenAsync().ConfigureAwait(false);
            await SqliteSchema.MigrateAsync(c, CancellationToken.None).ConfigureAwait(false);
        });
        outbox = new WebhookOutbox(async ct => await OpenAsync(ct).ConfigureAwait(false), postgres: false, this.time);
    }

    /// <summary>The outgoing-webhook endpoints and outbox in the same file (events are written in the job writes' transactions).</summary>
    public IWebhookStore Webhooks => outbox;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public async Task<JobCreation> CreateAsync(JobRecord job, LeaseTerms worker, BudgetCaps caps, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (job.IdempotencyKey is not null)
        {
            JobRecord? existing = await ReadOneAsync(c, tx, "SELECT record FROM jobs WHERE owner = $a AND idempotency_key = $b", cancellationToken, job.Owner, job.IdempotencyKey).ConfigureAwait(false);
            if (existing is not null)
            {
                return new JobCreation(existing, false, null);
            }
        }

        decimal hold = JobRows.NonNegative(job.HoldUsd ?? 0m);
        await CheckCapAsync(c, tx, job.Owner, hold, caps.DailyUsd, JobRows.StartOfDay(caps.Now), "daily", cancellationToken).ConfigureAwait(false);
        await CheckCapAsync(c, tx, job.Owner, hold, caps.MonthlyUsd, JobRows.StartOfMonth(caps.Now), "monthly", cancellationToken).ConfigureAwait(false);
        JobRecord stored = job with { Version = 1 };
        long expires = Now + (long)worker.Duration.TotalMilliseconds;
        await ExecuteAsync(c, tx, """
            INSERT INTO jobs (id, owner, model_id, state, prediction_id, idempotency_key, created_at, version, record, provider, lease_owner, lease_token, lease_expires_at, webhook_url, charge_due_at, charge_status)
            VALUES ($a, $b, $c, $d, $e, $f, $g, 1, $h, $i, $j, 1, $k, $l, $m, $n)
            """, cancellationToken, stored.Id, stored.Owner, stored.ModelId, stored.State.ToString(), stored.PredictionId, stored.IdempotencyKey,
            stored.CreatedAt.ToUnixTimeMilliseconds(), JobRows.Serialize(stored), stored.Provider, worker.Worker, expires, stored.WebhookTarget, JobRows.ChargeDueAt(stored), JobRows.ChargeStatus(stored)).ConfigureAwait(false);
        await outbox.AppendAsync(c, tx, stored, Now, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO reservations (job_id, owner, amount_usd, settled, created_at) VALUES ($a, $b, $c, 0, $d)", cancellationToken,
            stored.Id, stored.Owner, hold.ToString(CultureInfo.InvariantCulture), caps.Now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JobCreation(stored, true, new JobLease(stored.Id, worker.Worker, 1, DateTimeOffset.FromUnixTimeMilliseconds(expires)));
    }

    /// <inheritdoc />
    public async Task<JobRecord> UpdateAsync(JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        JobRecord next = await WriteFencedAsync(c, tx, job, lease, settleUsd, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> TryBeginSubmissionAsync(JobRecord job, JobLease lease, SubmitLimits limits, CancellationToken cancellationToken)
    {
        long now = Now;
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long inFlight = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE provider = $a AND state IN ('Submitting', 'Processing') AND id <> $b", cancellationToken, limits.Provider, job.Id).ConfigureAwait(false);
        long lastMinute = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM submissions WHERE provider = $a AND at > $b", cancellationToken, limits.Provider, now - JobRows.SubmitWindowMilliseconds).ConfigureAwait(false);
        if (inFlight >= limits.MaxInFlight || lastMinute >= limits.PerMinute)
        {
            return null;
        }

        JobRecord next = await WriteFencedAsync(c, tx, job, lease, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO submissions (job_id, provider, at) VALUES ($a, $b, $c); DELETE FROM submissions WHERE at < $d", cancellationToken,
            job.Id, limits.Provider, now, now - 3_600_000).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<JobLease> ConfirmLeaseAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)duration.TotalMilliseconds;
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int rows = await ExecuteAsync(c, null, "UPDATE jobs SET lease_expires_at = MAX(lease_expires_at, $a) WHERE id = $b AND lease_owner = $c AND lease_token = $d AND lease_expires_at > $e",
            cancellationToken, expires, lease.JobId, lease.Worker, lease.Token, now).ConfigureAwait(false);
        DateTimeOffset extended = DateTimeOffset.FromUnixTimeMilliseconds(expires);
        return rows == 1 ? lease with { ExpiresAt = extended > lease.ExpiresAt ? extended : lease.ExpiresAt } : throw new JobLeaseLostException(lease.JobId, "not confirmed by the store");
    }

    /// <inheritdoc />
    public async Task<JobRecord?> TryAdoptAsync(JobRecord job, JobLease lease, bool fromHistory, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long others = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE prediction_id = $a AND id <> $b", cancellationToken, job.PredictionId, job.Id).ConfigureAwait(false);
        if (fromHistory && others == 0)
        {
            others = await ScalarAsync(c, tx, """
                SELECT COUNT(*) FROM jobs WHERE provider = $a AND id <> $b AND prediction_id IS NULL AND state IN ('Submitting', 'NeedsDecision')
                AND json_extract(record, '$.inputFingerprint') = $c
                """, cancellationToken, job.Provider, job.Id, job.InputFingerprint).ConfigureAwait(false);
        }

        if (others > 0)
        {
            return null;
        }

        JobRecord next = await WriteFencedAsync(c, tx, job, lease, null, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)request.Terms.Duration.TotalMilliseconds;
        string which = request.JobId is null ? Unsettled : "id = $e AND state NOT IN ('Completed', 'Failed', 'Cancelled')";
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, $"""
            UPDATE jobs SET lease_owner = $a, lease_token = lease_token + 1, lease_expires_at = $b
            WHERE id IN (SELECT id FROM jobs WHERE {which} AND ($f IS NULL OR provider = $f) AND (lease_owner IS NULL OR lease_expires_at <= $c) ORDER BY created_at LIMIT $d)
            RETURNING record, lease_token
            """, request.Terms.Worker, expires, now, request.Limit, request.JobId, request.Provider);
        return [.. (await ReadClaimsAsync(cmd, request.Terms.Worker, expires, cancellationToken).ConfigureAwait(false)).OrderBy(j => j.Job.CreatedAt)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedJob>> ClaimChargeLookupsAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)request.Terms.Duration.TotalMilliseconds;
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, """
            UPDATE jobs SET lease_owner = $a, lease_token = lease_token + 1, lease_expires_at = $b
            WHERE id IN (SELECT id FROM jobs WHERE charge_due_at IS NOT NULL AND charge_due_at <= $c AND ($e IS NULL OR id = $e) AND ($f IS NULL OR provider = $f)
                         AND (lease_owner IS NULL OR lease_expires_at <= $c) ORDER BY charge_due_at LIMIT $d)
            RETURNING record, lease_token
            """, request.Terms.Worker, expires, now, request.Limit, request.JobId, request.Provider);
        return await ReadClaimsAsync(cmd, request.Terms.Worker, expires, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListChargedAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(c, "SELECT record FROM jobs WHERE owner = $a AND created_at >= $b AND charge_status IS NOT NULL ORDER BY created_at DESC, id", cancellationToken,
            owner, since.ToUnixTimeMilliseconds()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobLease>> RenewAsync(LeaseTerms worker, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)worker.Duration.TotalMilliseconds;
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, "UPDATE jobs SET lease_expires_at = $b WHERE lease_owner = $a AND lease_expires_at > $c RETURNING id, lease_token",
            worker.Worker, expires, now);
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var held = new List<JobLease>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held.Add(new JobLease(reader.GetString(0), worker.Worker, reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(expires)));
        }

        return held;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(JobLease lease, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $a AND lease_owner = $b AND lease_token = $c", cancellationToken,
            lease.JobId, lease.Worker, lease.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SignalAsync(string jobId, JobSignal signal, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "INSERT OR IGNORE INTO job_signals (job_id, kind, created_at) VALUES ($a, $b, $c)", cancellationToken, jobId, signal.ToString(), Now).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryRecordWebhookAsync(string webhookId, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "DELETE FROM provider_webhooks WHERE received_at < $a", cancellationToken, forgetBefore.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, "INSERT OR IGNORE INTO provider_webhooks (webhook_id, received_at) VALUES ($a, $b)", webhookId, Now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobSignalNotice>> TakeSignalsAsync(string worker, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, "DELETE FROM job_signals WHERE job_id IN (SELECT id FROM jobs WHERE lease_owner = $a) RETURNING job_id, kind", worker);
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var signals = new List<JobSignalNotice>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            signals.Add(new JobSignalNotice(reader.GetString(0), Enum.Parse<JobSignal>(reader.GetString(1))));
        }

        return signals;
    }

    /// <inheritdoc />
    public async Task<JobLease?> GetLeaseAsync(string jobId, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, "SELECT lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $a AND lease_owner IS NOT NULL AND lease_expires_at > $b", jobId, Now);
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JobLease(jobId, reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $a AND owner = $b", cancellationToken, id, owner).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $a", cancellationToken, id).ConfigureAwait(false);
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
    public async Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SumAsync(c, null, owner, since, cancellationToken).ConfigureAwait(false);
    }

    // The rows an UPDATE … RETURNING record, lease_token claimed, as leases of the worker.
    private static async Task<List<ClaimedJob>> ReadClaimsAsync(SqliteCommand cmd, string worker, long expires, CancellationToken ct)
    {
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var claimed = new List<ClaimedJob>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            JobRecord job = JobRows.Deserialize(reader.GetString(0));
            claimed.Add(new ClaimedJob(job, new JobLease(job.Id, worker, reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(expires))));
        }

        return claimed;
    }

    // The compare-and-set every job write goes through: same version, same holder, same token, lease not lapsed. A
    // changed state writes its webhook event in the same transaction (BEGIN IMMEDIATE: the state read here stands).
    private async Task<JobRecord> WriteFencedAsync(SqliteConnection c, SqliteTransaction tx, JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken ct)
    {
        JobRecord next = job with { Version = job.Version + 1 };
        await using SqliteCommand before = Command(c, tx, "SELECT state FROM jobs WHERE id = $a", job.Id);
        object? previous = await before.ExecuteScalarAsync(ct).ConfigureAwait(false);
        int rows = await ExecuteAsync(c, tx, """
            UPDATE jobs SET state = $a, prediction_id = $b, version = $c, record = $d, charge_due_at = $j, charge_status = $k
            WHERE id = $e AND version = $f AND lease_owner = $g AND lease_token = $h AND lease_expires_at > $i
            """, ct, next.State.ToString(), next.PredictionId, next.Version, JobRows.Serialize(next), next.Id, job.Version, lease.Worker, lease.Token, Now,
            JobRows.ChargeDueAt(next), JobRows.ChargeStatus(next)).ConfigureAwait(false);
        if (rows == 0)
        {
            await using SqliteCommand read = Command(c, tx, "SELECT version, lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $a", job.Id);
            await using SqliteDataReader row = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await row.ReadAsync(ct).ConfigureAwait(false))
            {
                throw new JobLeaseLostException(job.Id, "the job no longer exists");
            }

            JobRows.ThrowRefused(job, lease, row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetInt64(2), row.IsDBNull(3) ? null : row.GetInt64(3), Now);
        }

        if (settleUsd is decimal settled)
        {
            await ExecuteAsync(c, tx, "UPDATE reservations SET amount_usd = $a, settled = 1 WHERE job_id = $b", ct,
                JobRows.NonNegative(settled).ToString(CultureInfo.InvariantCulture), job.Id).ConfigureAwait(false);
        }

        if (previous as string != next.State.ToString())
        {
            await outbox.AppendAsync(c, tx, next, Now, ct).ConfigureAwait(false);
        }

        return next;
    }

    private static async Task CheckCapAsync(SqliteConnection c, SqliteTransaction tx, string owner, decimal hold, decimal? cap, DateTimeOffset since, string period, CancellationToken ct)
    {
        if (cap is decimal limit)
        {
            JobRows.CheckCap(owner, hold, limit, await SumAsync(c, tx, owner, since, ct).ConfigureAwait(false), period);
        }
    }

    private static async Task<SpendSummary> SumAsync(SqliteConnection c, SqliteTransaction? tx, string owner, DateTimeOffset since, CancellationToken ct)
    {
        await using SqliteCommand cmd = Command(c, tx, "SELECT amount_usd, settled FROM reservations WHERE owner = $a AND created_at >= $b", owner, since.ToUnixTimeMilliseconds());
        await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var sum = new SpendSummary(0, 0, 0);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            sum = JobRows.Add(sum, decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1) == 1);
        }

        return sum;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        await migrated.Value.WaitAsync(ct).ConfigureAwait(false);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }
}

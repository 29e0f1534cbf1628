using Npgsql;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;

using static VideoStudio.Engine.Jobs.Postgres.PostgresSql;

namespace VideoStudio.Engine.Jobs.Postgres;

/// <summary>
/// The <see cref="IJobStore"/> for many hosts (Npgsql). Claims use <c>FOR UPDATE SKIP LOCKED</c>, so hosts
/// claiming at once never wait on or share a job; budget checks are serialised per owner and submission limits
/// per provider account with transaction-scoped advisory locks, so caps and limits hold with hosts racing.
/// Times are the hosts' <see cref="TimeProvider"/> in Unix milliseconds: hosts keep their clocks in sync (NTP),
/// well within a lease's length.
/// </summary>
public sealed class PostgresJobStore : IJobStore, IAsyncDisposable
{
    private const string Unsettled = "state NOT IN ('Completed', 'Failed', 'Cancelled', 'NeedsDecision')";
    private readonly NpgsqlDataSource source;
    private readonly TimeProvider time;
    private readonly Lazy<Task> migrated;
    private readonly WebhookOutbox outbox;

    /// <summary>Connects to the store at <paramref name="connectionString"/> (migrated on first use).</summary>
    public PostgresJobStore(string connectionString, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        source = NpgsqlDataSource.Create(connectionString);
        migrated = new Lazy<Task>(() => PostgresSchema.MigrateAsync(source, CancellationToken.None));
        outbox = new WebhookOutbox(async ct => await OpenAsync(ct).ConfigureAwait(false), postgres: true, this.time);
    }

    /// <summary>The outgoing-webhook endpoints and outbox in the same database (events are written in the job writes' transactions).</summary>
    public IWebhookStore Webhooks => outbox;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public async Task<JobCreation> CreateAsync(JobRecord job, LeaseTerms worker, BudgetCaps caps, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "SELECT pg_advisory_xact_lock(hashtextextended('videostudio:owner:' || $1, 0))", cancellationToken, job.Owner).ConfigureAwait(false);
        if (job.IdempotencyKey is not null)
        {
            JobRecord? existing = await ReadOneAsync(c, tx, "SELECT record FROM jobs WHERE owner = $1 AND idempotency_key = $2", cancellationToken, job.Owner, job.IdempotencyKey).ConfigureAwait(false);
            if (existing is not null)
            {
                return new JobCreation(existing, false, null);
            }
        }

        decimal hold = JobRows.NonNegative(job.HoldUsd ?? 0m);
        if (caps.DailyUsd is decimal daily)
        {
            JobRows.CheckCap(job.Owner, hold, daily, await SumAsync(c, tx, job.Owner, JobRows.StartOfDay(caps.Now), cancellationToken).ConfigureAwait(false), "daily");
        }

        if (caps.MonthlyUsd is decimal monthly)
        {
            JobRows.CheckCap(job.Owner, hold, monthly, await SumAsync(c, tx, job.Owner, JobRows.StartOfMonth(caps.Now), cancellationToken).ConfigureAwait(false), "monthly");
        }

        JobRecord stored = job with { Version = 1 };
        long expires = Now + (long)worker.Duration.TotalMilliseconds;
        await ExecuteAsync(c, tx, """
            INSERT INTO jobs (id, owner, model_id, state, prediction_id, idempotency_key, created_at, version, record, provider, lease_owner, lease_token, lease_expires_at, webhook_url, charge_due_at, charge_status)
            VALUES ($1, $2, $3, $4, $5::text, $6::text, $7, 1, $8, $9, $10, 1, $11, $12::text, $13::bigint, $14::text)
            """, cancellationToken, stored.Id, stored.Owner, stored.ModelId, stored.State.ToString(), stored.PredictionId, stored.IdempotencyKey,
            stored.CreatedAt.ToUnixTimeMilliseconds(), JobRows.Serialize(stored), stored.Provider, worker.Worker, expires, stored.WebhookTarget, JobRows.ChargeDueAt(stored), JobRows.ChargeStatus(stored)).ConfigureAwait(false);
        await outbox.AppendAsync(c, tx, stored, Now, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO reservations (job_id, owner, amount_usd, settled, created_at) VALUES ($1, $2, $3, false, $4)", cancellationToken,
            stored.Id, stored.Owner, hold, caps.Now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JobCreation(stored, true, new JobLease(stored.Id, worker.Worker, 1, DateTimeOffset.FromUnixTimeMilliseconds(expires)));
    }

    /// <inheritdoc />
    public async Task<JobRecord> UpdateAsync(JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        JobRecord next = await WriteFencedAsync(c, tx, job, lease, settleUsd, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> TryBeginSubmissionAsync(JobRecord job, JobLease lease, SubmitLimits limits, CancellationToken cancellationToken)
    {
        long now = Now;
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "SELECT pg_advisory_xact_lock(hashtextextended('videostudio:provider:' || $1, 0))", cancellationToken, limits.Provider).ConfigureAwait(false);
        long inFlight = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE provider = $1 AND state IN ('Submitting', 'Processing') AND id <> $2", cancellationToken, limits.Provider, job.Id).ConfigureAwait(false);
        long lastMinute = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM submissions WHERE provider = $1 AND at > $2", cancellationToken, limits.Provider, now - JobRows.SubmitWindowMilliseconds).ConfigureAwait(false);
        if (inFlight >= limits.MaxInFlight || lastMinute >= limits.PerMinute)
        {
            return null;
        }

        JobRecord next = await WriteFencedAsync(c, tx, job, lease, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO submissions (job_id, provider, at) VALUES ($1, $2, $3)", cancellationToken, job.Id, limits.Provider, now).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "DELETE FROM submissions WHERE provider = $1 AND at < $2", cancellationToken, limits.Provider, now - 3_600_000).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<JobLease> ConfirmLeaseAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)duration.TotalMilliseconds;
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int rows = await ExecuteAsync(c, null, "UPDATE jobs SET lease_expires_at = GREATEST(lease_expires_at, $1) WHERE id = $2 AND lease_owner = $3 AND lease_token = $4 AND lease_expires_at > $5",
            cancellationToken, expires, lease.JobId, lease.Worker, lease.Token, now).ConfigureAwait(false);
        DateTimeOffset extended = DateTimeOffset.FromUnixTimeMilliseconds(expires);
        return rows == 1 ? lease with { ExpiresAt = extended > lease.ExpiresAt ? extended : lease.ExpiresAt } : throw new JobLeaseLostException(lease.JobId, "not confirmed by the store");
    }

    /// <inheritdoc />
    public async Task<JobRecord?> TryAdoptAsync(JobRecord job, JobLease lease, bool fromHistory, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Adoptions of the same input are serialised, so two jobs deciding on the same task see each other's writes.
        await ExecuteAsync(c, tx, "SELECT pg_advisory_xact_lock(hashtextextended('videostudio:adopt:' || $1 || ':' || $2, 0))", cancellationToken,
            job.Provider, job.InputFingerprint ?? job.PredictionId ?? job.Id).ConfigureAwait(false);
        long others = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE prediction_id = $1 AND id <> $2", cancellationToken, job.PredictionId, job.Id).ConfigureAwait(false);
        if (fromHistory && others == 0)
        {
            others = await ScalarAsync(c, tx, """
                SELECT COUNT(*) FROM jobs WHERE provider = $1 AND id <> $2 AND prediction_id IS NULL AND state IN ('Submitting', 'NeedsDecision')
                AND (record::jsonb ->> 'inputFingerprint') = $3
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
        string which = request.JobId is null ? Unsettled + " AND $5::text IS NULL" : "id = $5::text AND state NOT IN ('Completed', 'Failed', 'Cancelled')";
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, $"""
            UPDATE jobs SET lease_owner = $1, lease_token = lease_token + 1, lease_expires_at = $2
            WHERE id IN (SELECT id FROM jobs WHERE {which} AND ($6::text IS NULL OR provider = $6::text) AND (lease_owner IS NULL OR lease_expires_at <= $3)
                         ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING record, lease_token
            """, request.Terms.Worker, expires, now, (long)request.Limit, request.JobId, request.Provider);
        return [.. (await ReadClaimsAsync(cmd, request.Terms.Worker, expires, cancellationToken).ConfigureAwait(false)).OrderBy(j => j.Job.CreatedAt)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedJob>> ClaimChargeLookupsAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)request.Terms.Duration.TotalMilliseconds;
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, """
            UPDATE jobs SET lease_owner = $1, lease_token = lease_token + 1, lease_expires_at = $2
            WHERE id IN (SELECT id FROM jobs WHERE charge_due_at IS NOT NULL AND charge_due_at <= $3 AND ($5::text IS NULL OR id = $5::text) AND ($6::text IS NULL OR provider = $6::text)
                         AND (lease_owner IS NULL OR lease_expires_at <= $3) ORDER BY charge_due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING record, lease_token
            """, request.Terms.Worker, expires, now, (long)request.Limit, request.JobId, request.Provider);
        return await ReadClaimsAsync(cmd, request.Terms.Worker, expires, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListChargedAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "SELECT record FROM jobs WHERE owner = $1 AND created_at >= $2 AND charge_status IS NOT NULL ORDER BY created_at DESC, id",
            owner, since.ToUnixTimeMilliseconds());
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(JobRows.Deserialize(reader.GetString(0)));
        }

        return jobs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobLease>> RenewAsync(LeaseTerms worker, CancellationToken cancellationToken)
    {
        long now = Now;
        long expires = now + (long)worker.Duration.TotalMilliseconds;
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "UPDATE jobs SET lease_expires_at = $2 WHERE lease_owner = $1 AND lease_expires_at > $3 RETURNING id, lease_token", worker.Worker, expires, now);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2 AND lease_token = $3", cancellationToken,
            lease.JobId, lease.Worker, lease.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SignalAsync(string jobId, JobSignal signal, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "INSERT INTO job_signals (job_id, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", cancellationToken, jobId, signal.ToString(), Now).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryRecordWebhookAsync(string webhookId, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "DELETE FROM provider_webhooks WHERE received_at < $1", cancellationToken, forgetBefore.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "INSERT INTO provider_webhooks (webhook_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", webhookId, Now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobSignalNotice>> TakeSignalsAsync(string worker, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "DELETE FROM job_signals s USING jobs j WHERE s.job_id = j.id AND j.lease_owner = $1 RETURNING s.job_id, s.kind", worker);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "SELECT lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $1 AND lease_owner IS NOT NULL AND lease_expires_at > $2", jobId, Now);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JobLease(jobId, reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $1 AND owner = $2", cancellationToken, id, owner).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $1", cancellationToken, id).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE prediction_id = $1", cancellationToken, predictionId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand cmd = Command(c, null, "SELECT record FROM jobs WHERE owner = $1 AND ($3::text IS NULL OR state = $3::text) ORDER BY created_at DESC, id LIMIT $2",
            owner, (long)limit, state?.ToString());
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(JobRows.Deserialize(reader.GetString(0)));
        }

        return jobs;
    }

    /// <inheritdoc />
    public async Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SumAsync(c, null, owner, since, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => source.DisposeAsync();

    // The rows an UPDATE … RETURNING record, lease_token claimed, as leases of the worker.
    private static async Task<List<ClaimedJob>> ReadClaimsAsync(NpgsqlCommand cmd, string worker, long expires, CancellationToken ct)
    {
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var claimed = new List<ClaimedJob>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            JobRecord job = JobRows.Deserialize(reader.GetString(0));
            claimed.Add(new ClaimedJob(job, new JobLease(job.Id, worker, reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(expires))));
        }

        return claimed;
    }

    // The compare-and-set every job write goes through: same version, same holder, same token, lease not lapsed.
    private async Task<JobRecord> WriteFencedAsync(NpgsqlConnection c, NpgsqlTransaction tx, JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken ct)
    {
        JobRecord next = job with { Version = job.Version + 1 };
        // The row is locked before it is changed, so the state it had (for the webhook event) is the one replaced.
        await using NpgsqlCommand write = Command(c, tx, """
            WITH old AS (SELECT state FROM jobs WHERE id = $5 FOR UPDATE)
            UPDATE jobs SET state = $1, prediction_id = $2::text, version = $3, record = $4, charge_due_at = $10::bigint, charge_status = $11::text FROM old
            WHERE jobs.id = $5 AND version = $6 AND lease_owner = $7 AND lease_token = $8 AND lease_expires_at > $9
            RETURNING old.state
            """, next.State.ToString(), next.PredictionId, next.Version, JobRows.Serialize(next), next.Id, job.Version, lease.Worker, lease.Token, Now,
            JobRows.ChargeDueAt(next), JobRows.ChargeStatus(next));
        object? previous = await write.ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (previous is null)
        {
            await using NpgsqlCommand read = Command(c, tx, "SELECT version, lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $1", job.Id);
            await using NpgsqlDataReader row = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await row.ReadAsync(ct).ConfigureAwait(false))
            {
                throw new JobLeaseLostException(job.Id, "the job no longer exists");
            }

            JobRows.ThrowRefused(job, lease, row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetInt64(2), row.IsDBNull(3) ? null : row.GetInt64(3), Now);
        }

        if (settleUsd is decimal settled)
        {
            await ExecuteAsync(c, tx, "UPDATE reservations SET amount_usd = $1, settled = true WHERE job_id = $2", ct, JobRows.NonNegative(settled), job.Id).ConfigureAwait(false);
        }

        if (previous as string != next.State.ToString())
        {
            await outbox.AppendAsync(c, tx, next, Now, ct).ConfigureAwait(false);
        }

        return next;
    }

    private static async Task<SpendSummary> SumAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string owner, DateTimeOffset since, CancellationToken ct)
    {
        await using NpgsqlCommand cmd = Command(c, tx, "SELECT amount_usd, settled FROM reservations WHERE owner = $1 AND created_at >= $2", owner, since.ToUnixTimeMilliseconds());
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var sum = new SpendSummary(0, 0, 0);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            sum = JobRows.Add(sum, reader.GetDecimal(0), reader.GetBoolean(1));
        }

        return sum;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await migrated.Value.WaitAsync(ct).ConfigureAwait(false);
        return await source.OpenConnectionAsync(ct).ConfigureAwait(false);
    }
}

using System.Data.Common;
using System.Globalization;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// The <see cref="IJobStore"/>, one SQL text over <see cref="DbConnection"/> for SQLite (one machine: the embedded
/// default) and PostgreSQL (many hosts); what differs is the <see cref="SqlDialect"/>. Every write is one
/// transaction; claims skip what another writer is claiming; budgets and account limits are serialised per owner and
/// per provider account. Leases, submission windows, cap periods and due times are measured on the store's clock
/// (<see cref="StoreClock"/>: PostgreSQL's, or SQLite's one machine), so a host whose clock is off changes nothing;
/// times a caller passes in or gets back are in the caller's clock, translated by the offset read with each call.
/// </summary>
internal sealed class SqlJobStore : IJobStore, IAsyncDisposable
{
    private const string Unsettled = "state NOT IN ('Completed', 'Failed', 'Cancelled', 'NeedsDecision')";
    private const string Unfinished = "state NOT IN ('Completed', 'Failed', 'Cancelled')";

    // Jobs not yet submitted: a claim of one within limits is a claim on a submission slot of the account.
    private const string Waiting = "state IN ('Queued', 'Uploading')";

    // A job's first lease (token 1, granted at its creation) reserves it for its creator, which holds the caller's
    // input (signed URLs are never stored): it takes no place in the account's room until its creator's claim within
    // limits admits it (a new token). No other worker can claim it while that lease lives.
    private const string ReservedForClaimant = "(lease_owner = $1 AND lease_token = 1 AND lease_expires_at > $3)";
    private readonly SqlDialect dialect;
    private readonly TimeProvider time;
    private readonly StoreClock clock;
    private readonly InitializeOnce migrated;
    private readonly WebhookOutbox outbox;

    internal SqlJobStore(SqlDialect dialect, TimeProvider? time = null, StoreClock? clock = null)
    {
        this.dialect = dialect;
        this.time = time ?? TimeProvider.System;
        this.clock = clock ?? dialect.Clock(this.time);
        migrated = new InitializeOnce(ct => StoreSchema.MigrateAsync(dialect, ct));
        outbox = new WebhookOutbox(OpenAsync, dialect, NowAsync);
    }

    /// <summary>The store in one SQLite file (created and migrated on first use), shared by any number of processes on this machine.</summary>
    public static SqlJobStore Sqlite(string databasePath, TimeProvider? time = null) => new(new SqliteDialect(databasePath), time);

    /// <summary>The store in the PostgreSQL database at <paramref name="connectionString"/> (migrated on first use), shared by any number of hosts.</summary>
    public static SqlJobStore Postgres(string connectionString, TimeProvider? time = null) => new(new PostgresDialect(connectionString), time);

    /// <summary>The outgoing-webhook endpoints and outbox in the same database (events are written in the job writes' transactions).</summary>
    public IWebhookStore Webhooks => outbox;

    /// <inheritdoc />
    public async Task<JobCreation> CreateAsync(JobRecord job, LeaseTerms worker, BudgetCaps caps, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Intake, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction tx = await dialect.BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
        await dialect.LockAsync(c, tx, "owner:" + job.Owner, cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, tx, cancellationToken).ConfigureAwait(false);
        string fingerprint = RequestFingerprint.Of(job);
        if (job.IdempotencyKey is not null)
        {
            await using DbCommand read = dialect.Command(c, tx, "SELECT record, request_fingerprint FROM jobs WHERE owner = $1 AND idempotency_key = $2", job.Owner, job.IdempotencyKey);
            await using DbDataReader row = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                JobRecord existing = JobRows.Deserialize(row.GetString(0));
                // A job stored before fingerprints were kept has none: its key answers it, as it always did.
                return row.IsDBNull(1) || row.GetString(1) == fingerprint
                    ? new JobCreation(existing, false, null)
                    : throw new IdempotencyKeyReusedException(job.IdempotencyKey, existing.Id);
            }
        }

        if (caps.MaxQueuedJobs is int maxQueued
            && await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE owner = $1 AND state IN ('Queued', 'Uploading')", cancellationToken, job.Owner).ConfigureAwait(false) >= maxQueued)
        {
            throw new TooManyQueuedJobsException(job.Owner, maxQueued);
        }

        decimal hold = JobRows.NonNegative(job.HoldUsd ?? 0m);
        long at = m.ToStore(caps.Now);
        DateTimeOffset storeNow = DateTimeOffset.FromUnixTimeMilliseconds(at);
        await CheckCapAsync(c, tx, job.Owner, hold, caps.DailyUsd, JobRows.StartOfDay(storeNow), "daily", cancellationToken).ConfigureAwait(false);
        await CheckCapAsync(c, tx, job.Owner, hold, caps.MonthlyUsd, JobRows.StartOfMonth(storeNow), "monthly", cancellationToken).ConfigureAwait(false);
        JobRecord stored = job with { Version = 1 };
        long expires = m.Now + (long)worker.Duration.TotalMilliseconds;
        await ExecuteAsync(c, tx, """
            INSERT INTO jobs (id, owner, model_id, state, prediction_id, idempotency_key, created_at, version, record, provider, lease_owner, lease_token, lease_expires_at, webhook_url, charge_due_at, charge_status, request_fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, 1, $11, $12, $13, $14, $15)
            """, cancellationToken, stored.Id, stored.Owner, stored.ModelId, stored.State.ToString(), stored.PredictionId, stored.IdempotencyKey,
            stored.CreatedAt.ToUnixTimeMilliseconds(), JobRows.Serialize(stored), stored.Provider, worker.Worker, expires, stored.WebhookTarget, ChargeDueAt(stored, m), JobRows.ChargeStatus(stored),
            fingerprint).ConfigureAwait(false);
        await outbox.AppendAsync(c, tx, stored, m.Now, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, tx, "INSERT INTO reservations (job_id, owner, amount_usd, settled, created_at) VALUES ($1, $2, $3, $4, $5)", cancellationToken,
            stored.Id, stored.Owner, dialect.Money(hold), false, at).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JobCreation(stored, true, new JobLease(stored.Id, worker.Worker, 1, m.ToCaller(expires)));
    }

    /// <inheritdoc />
    public async Task<JobRecord> UpdateAsync(JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction tx = await dialect.BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, tx, cancellationToken).ConfigureAwait(false);
        JobRecord next = await WriteFencedAsync(c, tx, m, job, lease, settleUsd, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    public async Task<JobLease> ConfirmLeaseAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        long expires = m.Now + (long)duration.TotalMilliseconds;
        // Never shortens a lease: a confirm for a short step must not undo a longer renewal.
        int rows = await ExecuteAsync(c, null, "UPDATE jobs SET lease_expires_at = CASE WHEN lease_expires_at > $1 THEN lease_expires_at ELSE $1 END WHERE id = $2 AND lease_owner = $3 AND lease_token = $4 AND lease_expires_at > $5",
            cancellationToken, expires, lease.JobId, lease.Worker, lease.Token, m.Now).ConfigureAwait(false);
        DateTimeOffset extended = m.ToCaller(expires);
        return rows == 1 ? lease with { ExpiresAt = extended > lease.ExpiresAt ? extended : lease.ExpiresAt } : throw new JobLeaseLostException(lease.JobId, "not confirmed by the store");
    }

    /// <inheritdoc />
    public async Task<JobRecord?> TryAdoptAsync(JobRecord job, JobLease lease, bool fromHistory, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction tx = await dialect.BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
        // Adoptions of the same input are serialised, so two jobs deciding on the same task see each other's writes.
        await dialect.LockAsync(c, tx, $"adopt:{job.Provider}:{job.InputFingerprint ?? job.PredictionId ?? job.Id}", cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, tx, cancellationToken).ConfigureAwait(false);
        long others = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE prediction_id = $1 AND id <> $2", cancellationToken, job.PredictionId, job.Id).ConfigureAwait(false);
        if (fromHistory && others == 0)
        {
            others = await ScalarAsync(c, tx, $"""
                SELECT COUNT(*) FROM jobs WHERE provider = $1 AND id <> $2 AND prediction_id IS NULL AND state IN ('Submitting', 'NeedsDecision')
                AND {dialect.JsonText("record", "inputFingerprint")} = $3
                """, cancellationToken, job.Provider, job.Id, job.InputFingerprint).ConfigureAwait(false);
        }

        if (others > 0)
        {
            return null;
        }

        JobRecord next = await WriteFencedAsync(c, tx, m, job, lease, null, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Claims take turns across owners: every owner's oldest claimable job comes before anyone's second, so one
    /// owner's backlog never delays another owner's first job by more than one claim.
    /// </remarks>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        string which = request.JobId is null ? Unsettled + " AND CAST($5 AS text) IS NULL" : "id = $5 AND " + Unfinished;
        return [.. (await ClaimInTurnsAsync(c, null, m, request, which, request.Limit, cancellationToken).ConfigureAwait(false)).OrderBy(j => j.Job.CreatedAt)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedJob>> ClaimWithinLimitsAsync(ClaimRequest request, SubmitLimits limits, CancellationToken cancellationToken)
    {
        request = request with { JobId = null, Provider = limits.Provider };
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction tx = await dialect.BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
        await dialect.LockAsync(c, tx, "provider:" + limits.Provider, cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, tx, cancellationToken).ConfigureAwait(false);
        long inFlight = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM jobs WHERE provider = $1 AND state IN ('Submitting', 'Processing')", cancellationToken, limits.Provider).ConfigureAwait(false);
        long admitted = await ScalarAsync(c, tx, $"SELECT COUNT(*) FROM jobs WHERE provider = $1 AND {Waiting} AND lease_owner IS NOT NULL AND lease_expires_at > $2 AND lease_token > 1", cancellationToken,
            limits.Provider, m.Now).ConfigureAwait(false);
        long lastMinute = await ScalarAsync(c, tx, "SELECT COUNT(*) FROM submissions WHERE provider = $1 AND at > $2", cancellationToken, limits.Provider, m.Now - JobRows.SubmitWindowMilliseconds).ConfigureAwait(false);
        List<ClaimedJob> claimed = await ClaimInTurnsAsync(c, tx, m, request, $"{Unsettled} AND NOT {Waiting} AND CAST($5 AS text) IS NULL", request.Limit, cancellationToken).ConfigureAwait(false);
        long room = Math.Min(Math.Min(Math.Min(limits.MaxInFlight - inFlight, limits.PerMinute - lastMinute) - admitted, request.Limit - claimed.Count), limits.AdmitAtMost);
        if (room > 0)
        {
            claimed.AddRange(await ClaimInTurnsAsync(c, tx, m, request, $"{Waiting} AND CAST($5 AS text) IS NULL", (int)room, cancellationToken, ReservedForClaimant).ConfigureAwait(false));
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedJob>> ClaimChargeLookupsAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        return await ClaimWhereAsync(c, null, m, request, request.Limit, $"""
            SELECT id FROM jobs WHERE charge_due_at IS NOT NULL AND charge_due_at <= $3 AND (CAST($5 AS text) IS NULL OR id = $5) AND (CAST($6 AS text) IS NULL OR provider = $6)
                AND (lease_owner IS NULL OR lease_expires_at <= $3) ORDER BY charge_due_at LIMIT $4{dialect.SkipLocked("jobs")}
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListChargedAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(c, "SELECT record FROM jobs WHERE owner = $1 AND created_at >= $2 AND charge_status IS NOT NULL ORDER BY created_at DESC, id", cancellationToken,
            owner, since.ToUnixTimeMilliseconds()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobLease>> RenewAsync(LeaseTerms worker, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        long expires = m.Now + (long)worker.Duration.TotalMilliseconds;
        await using DbCommand cmd = dialect.Command(c, null, "UPDATE jobs SET lease_expires_at = $2 WHERE lease_owner = $1 AND lease_expires_at > $3 RETURNING id, lease_token",
            worker.Worker, expires, m.Now);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var held = new List<JobLease>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held.Add(new JobLease(reader.GetString(0), worker.Worker, reader.GetInt64(1), m.ToCaller(expires)));
        }

        return held;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(JobLease lease, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2 AND lease_token = $3", cancellationToken,
            lease.JobId, lease.Worker, lease.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SignalAsync(string jobId, JobSignal signal, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "INSERT INTO job_signals (job_id, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", cancellationToken, jobId, signal.ToString(), m.Now).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryRecordWebhookAsync(string webhookId, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(c, null, "DELETE FROM provider_webhooks WHERE received_at < $1", cancellationToken, m.ToStore(forgetBefore)).ConfigureAwait(false);
        return await ExecuteAsync(c, null, "INSERT INTO provider_webhooks (webhook_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, webhookId, m.Now).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobSignalNotice>> TakeSignalsAsync(string worker, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await dialect.WriterTurnAsync(WriteLane.Executor, cancellationToken).ConfigureAwait(false);
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand cmd = dialect.Command(c, null, "DELETE FROM job_signals WHERE job_id IN (SELECT id FROM jobs WHERE lease_owner = $1) RETURNING job_id, kind", worker);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        await using DbCommand cmd = dialect.Command(c, null, "SELECT lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $1 AND lease_owner IS NOT NULL AND lease_expires_at > $2", jobId, m.Now);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JobLease(jobId, reader.GetString(0), reader.GetInt64(1), m.ToCaller(reader.GetInt64(2)))
            : null;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $1 AND owner = $2", cancellationToken, id, owner).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE id = $1", cancellationToken, id).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(c, null, "SELECT record FROM jobs WHERE prediction_id = $1", cancellationToken, predictionId).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WriteAheadTime?> GetWriteAheadAsync(string jobId, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        await using DbCommand cmd = dialect.Command(c, null, "SELECT MAX(at) FROM submissions WHERE job_id = $1", jobId);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } at and not DBNull
            ? new WriteAheadTime(DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(at, CultureInfo.InvariantCulture)), DateTimeOffset.FromUnixTimeMilliseconds(m.Now))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadManyAsync(c, "SELECT record FROM jobs WHERE owner = $1 AND (CAST($3 AS text) IS NULL OR state = $3) ORDER BY created_at DESC, id LIMIT $2", cancellationToken,
            owner, (long)limit, state?.ToString()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using DbConnection c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await NowAsync(c, null, cancellationToken).ConfigureAwait(false);
        return await SumAsync(c, null, owner, m.ToStore(since), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dialect.DisposeAsync();

    // Leases up to <paramref name="limit"/> jobs <paramref name="which"/> selects, taking turns across owners: jobs
    // nobody holds, and <paramref name="alsoClaimable"/> (the claimant's own reserved jobs, for a claim within limits).
    // The claimable test is repeated on the locked row (j) so that PostgreSQL re-checks it on a row another host just claimed.
    private Task<List<ClaimedJob>> ClaimInTurnsAsync(DbConnection c, DbTransaction? tx, StoreMoment m, ClaimRequest request, string which, int limit, CancellationToken ct, string alsoClaimable = "1 = 0") =>
        ClaimWhereAsync(c, tx, m, request, limit, $"""
            SELECT j.id FROM jobs j JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY owner ORDER BY created_at, id) AS turn FROM jobs
                WHERE {which} AND (CAST($6 AS text) IS NULL OR provider = $6) AND (lease_owner IS NULL OR lease_expires_at <= $3 OR {alsoClaimable})) due ON due.id = j.id
            WHERE (j.lease_owner IS NULL OR j.lease_expires_at <= $3 OR {alsoClaimable.Replace("lease_", "j.lease_", StringComparison.Ordinal)})
            ORDER BY due.turn, j.created_at, j.id LIMIT $4{dialect.SkipLocked("j")}
            """, ct);

    // Leases the rows <paramref name="select"/> picks ($3 now, $4 limit, $5 job id, $6 provider) to the worker, each with a higher token.
    private async Task<List<ClaimedJob>> ClaimWhereAsync(DbConnection c, DbTransaction? tx, StoreMoment m, ClaimRequest request, int limit, string select, CancellationToken ct)
    {
        long expires = m.Now + (long)request.Terms.Duration.TotalMilliseconds;
        await using DbCommand cmd = dialect.Command(c, tx, $"""
            UPDATE jobs SET lease_owner = $1, lease_token = lease_token + 1, lease_expires_at = $2
            WHERE id IN ({select})
            RETURNING record, lease_token
            """, request.Terms.Worker, expires, m.Now, (long)limit, request.JobId, request.Provider);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var claimed = new List<ClaimedJob>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            JobRecord job = JobRows.Deserialize(reader.GetString(0));
            claimed.Add(new ClaimedJob(job, new JobLease(job.Id, request.Terms.Worker, reader.GetInt64(1), m.ToCaller(expires))));
        }

        return claimed;
    }

    // The compare-and-set every job write goes through: same version, same holder, same token, lease not lapsed on the
    // store's clock. A changed state writes its webhook event in the same transaction (the row is locked before it is
    // read, so the state read is the one replaced).
    private async Task<JobRecord> WriteFencedAsync(DbConnection c, DbTransaction tx, StoreMoment m, JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken ct)
    {
        JobRecord next = job with { Version = job.Version + 1 };
        object? previous;
        await using (DbCommand before = dialect.Command(c, tx, "SELECT state FROM jobs WHERE id = $1" + dialect.ForUpdate, job.Id))
        {
            previous = await before.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }

        int rows = await ExecuteAsync(c, tx, """
            UPDATE jobs SET state = $1, prediction_id = $2, version = $3, record = $4, charge_due_at = $10, charge_status = $11
            WHERE id = $5 AND version = $6 AND lease_owner = $7 AND lease_token = $8 AND lease_expires_at > $9
            """, ct, next.State.ToString(), next.PredictionId, next.Version, JobRows.Serialize(next), next.Id, job.Version, lease.Worker, lease.Token, m.Now,
            ChargeDueAt(next, m), JobRows.ChargeStatus(next)).ConfigureAwait(false);
        if (rows == 0)
        {
            await using DbCommand read = dialect.Command(c, tx, "SELECT version, lease_owner, lease_token, lease_expires_at FROM jobs WHERE id = $1", job.Id);
            await using DbDataReader row = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await row.ReadAsync(ct).ConfigureAwait(false))
            {
                throw new JobLeaseLostException(job.Id, "the job no longer exists");
            }

            JobRows.ThrowRefused(job, lease, row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetInt64(2), row.IsDBNull(3) ? null : row.GetInt64(3), m.Now);
        }

        if (settleUsd is decimal settled)
        {
            await ExecuteAsync(c, tx, "UPDATE reservations SET amount_usd = $1, settled = $2 WHERE job_id = $3", ct, dialect.Money(JobRows.NonNegative(settled)), true, job.Id).ConfigureAwait(false);
        }

        if (previous as string != next.State.ToString())
        {
            await outbox.AppendAsync(c, tx, next, m.Now, ct).ConfigureAwait(false);
            if (next.State == JobState.Submitting)
            {
                // The write-ahead of a POST: counted in the account's minute (ClaimWithinLimitsAsync reads it).
                await ExecuteAsync(c, tx, "INSERT INTO submissions (job_id, provider, at) VALUES ($1, $2, $3)", ct, next.Id, next.Provider, m.Now).ConfigureAwait(false);
                // An hour is kept for the minute's count; a job still submitting keeps its write-ahead's time for reconciling (GetWriteAheadAsync).
                await ExecuteAsync(c, tx, "DELETE FROM submissions WHERE provider = $1 AND at < $2 AND job_id NOT IN (SELECT id FROM jobs WHERE state = 'Submitting')", ct,
                    next.Provider, m.Now - 3_600_000).ConfigureAwait(false);
            }
        }

        return next;
    }

    // When the job's charge lookup is due, on the store's clock.
    private static long? ChargeDueAt(JobRecord job, StoreMoment m) => JobRows.ChargeDueAt(job) is long due ? due + m.Offset : null;

    private async Task CheckCapAsync(DbConnection c, DbTransaction tx, string owner, decimal hold, decimal? cap, DateTimeOffset since, string period, CancellationToken ct)
    {
        if (cap is decimal limit)
        {
            JobRows.CheckCap(owner, hold, limit, await SumAsync(c, tx, owner, since.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false), period);
        }
    }

    private async Task<SpendSummary> SumAsync(DbConnection c, DbTransaction? tx, string owner, long since, CancellationToken ct)
    {
        await using DbCommand cmd = dialect.Command(c, tx, "SELECT amount_usd, settled FROM reservations WHERE owner = $1 AND created_at >= $2", owner, since);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var sum = new SpendSummary(0, 0, 0);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            sum = JobRows.Add(sum, dialect.ReadMoney(reader, 0), Convert.ToBoolean(reader.GetValue(1), CultureInfo.InvariantCulture));
        }

        return sum;
    }

    private async Task<StoreMoment> NowAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        long caller = time.GetUtcNow().ToUnixTimeMilliseconds();
        long now = await clock.NowAsync(c, tx, ct).ConfigureAwait(false);
        return new StoreMoment(now, now - caller);
    }

    private async Task<JobRecord?> ReadOneAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = dialect.Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? JobRows.Deserialize(json) : null;
    }

    private async Task<IReadOnlyList<JobRecord>> ReadManyAsync(DbConnection c, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = dialect.Command(c, null, sql, args);
        await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add(JobRows.Deserialize(reader.GetString(0)));
        }

        return jobs;
    }

    private async Task<long> ScalarAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = dialect.Command(c, tx, sql, args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<int> ExecuteAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = dialect.Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        await migrated.EnsureAsync(ct).ConfigureAwait(false);
        return await dialect.OpenAsync(ct).ConfigureAwait(false);
    }
}

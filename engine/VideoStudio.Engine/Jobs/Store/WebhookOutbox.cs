using System.Data.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// The outbox and endpoints in SQL, one text for SQLite and PostgreSQL (parameters <c>$1…</c>, portable casts); the
/// only difference is the <see cref="SqlDialect"/>'s claim (PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>, so hosts
/// claiming at once never wait on or share a delivery). Delivery claims and due times are on the store's clock.
/// <see cref="AppendAsync"/> runs inside the job store's own write transactions.
/// </summary>
internal sealed class WebhookOutbox(Func<CancellationToken, Task<DbConnection>> open, SqlDialect dialect, Func<DbConnection, DbTransaction?, CancellationToken, Task<StoreMoment>> clock)
    : IWebhookStore
{
    private const string DeliveryColumns = """
        d.id, d.job_id, d.event_type, COALESCE(d.target, e.url), d.state, d.attempts, d.created_at, d.next_attempt_at,
        d.last_attempt_at, d.last_status, d.last_error, d.delivered_at
        """;

    private const string EndpointColumns = "owner, url, secret, previous_secret, previous_until, updated_at";

    /// <summary>
    /// Writes the event announcing <paramref name="job"/>'s state (just stored in <paramref name="tx"/>) when the job has a
    /// webhook or its owner an endpoint; the job row must already carry its <c>webhook_url</c>.
    /// </summary>
    public Task AppendAsync(DbConnection c, DbTransaction tx, JobRecord job, long now, CancellationToken ct) =>
        ExecuteAsync(c, tx, """
            INSERT INTO webhook_deliveries (id, job_id, job_version, owner, event_type, target, payload, state, attempts, created_at, retry_from, next_attempt_at, lease_token)
            SELECT $1, j.id, $6, j.owner, $2, j.webhook_url, $3, 'Pending', 0, $4, $4, $4, 0
            FROM jobs j LEFT JOIN webhook_endpoints e ON e.owner = j.owner
            WHERE j.id = $5 AND (j.webhook_url IS NOT NULL OR e.url IS NOT NULL)
            """, ct, "msg_" + Guid.CreateVersion7(job.UpdatedAt).ToString("N"), WebhookEventTypes.For(job.State), WebhookPayload.For(job), now, job.Id, job.Version);

    /// <inheritdoc />
    public async Task<WebhookEndpoint?> GetEndpointAsync(string owner, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        return await ReadEndpointAsync(c, null, $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE owner = $1", cancellationToken, owner).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WebhookEndpoint> SetEndpointAsync(string owner, string? url, string secretIfNew, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await clock(c, null, cancellationToken).ConfigureAwait(false);
        return (await ReadEndpointAsync(c, null, $"""
            INSERT INTO webhook_endpoints (owner, url, secret, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (owner) DO UPDATE SET url = COALESCE(excluded.url, webhook_endpoints.url), updated_at = CASE WHEN excluded.url IS NULL THEN webhook_endpoints.updated_at ELSE excluded.updated_at END
            RETURNING {EndpointColumns}
            """, cancellationToken, owner, url, secretIfNew, m.Now).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<WebhookEndpoint?> RotateSecretAsync(string owner, string newSecret, DateTimeOffset previousUntil, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await clock(c, null, cancellationToken).ConfigureAwait(false);
        return await ReadEndpointAsync(c, null, $"""
            UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $2, secret = $3, updated_at = $4 WHERE owner = $1
            RETURNING {EndpointColumns}
            """, cancellationToken, owner, m.ToStore(previousUntil), newSecret, m.Now).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteEndpointAsync(string owner, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(c, null, "DELETE FROM webhook_endpoints WHERE owner = $1", cancellationToken, owner).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(LeaseTerms worker, int limit, CancellationToken cancellationToken)
    {
        string claim = worker.Worker + "#" + Guid.NewGuid().ToString("N");
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        long now = (await clock(c, null, cancellationToken).ConfigureAwait(false)).Now;
        int claimed = await ExecuteAsync(c, null, $"""
            UPDATE webhook_deliveries SET lease_owner = $1, lease_token = lease_token + 1, lease_expires_at = $2
            WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'Pending' AND next_attempt_at <= $3 AND (lease_owner IS NULL OR lease_expires_at <= $3)
                         ORDER BY next_attempt_at LIMIT $4{dialect.SkipLocked("webhook_deliveries")})
            """, cancellationToken, claim, now + (long)worker.Duration.TotalMilliseconds, now, limit).ConfigureAwait(false);
        if (claimed == 0)
        {
            return [];
        }

        await using DbCommand cmd = Command(c, null, $"""
            SELECT {DeliveryColumns}, d.target, d.payload, d.retry_from, e.secret, e.previous_secret, e.previous_until
            FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.owner = d.owner WHERE d.lease_owner = $1 ORDER BY d.next_attempt_at
            """, claim);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<ClaimedDelivery>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            List<string> secrets = [];
            if (!r.IsDBNull(15))
            {
                secrets.Add(r.GetString(15));
                if (!r.IsDBNull(16) && !r.IsDBNull(17) && r.GetInt64(17) > now)
                {
                    secrets.Add(r.GetString(16));
                }
            }

            string? target = r.IsDBNull(12) ? (r.IsDBNull(3) ? null : r.GetString(3)) : r.GetString(12);
            deliveries.Add(new ClaimedDelivery(ReadDelivery(r), target, r.GetString(13), secrets, At(r.GetInt64(14)), claim));
        }

        return deliveries;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteDeliveryAsync(ClaimedDelivery claimed, WebhookAttemptResult result, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        StoreMoment m = await clock(c, null, cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(c, null, """
            UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1, last_attempt_at = $2, next_attempt_at = $3, last_status = $4, last_error = $5,
                delivered_at = $6, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $7 AND lease_owner = $8
            """, cancellationToken, result.State.ToString(), m.ToStore(result.At), m.ToStore(result.NextAttemptAt ?? result.At), result.Status, result.Error,
            result.State == WebhookDeliveryState.Delivered ? m.ToStore(result.At) : null, claimed.Delivery.Id, claimed.Claim).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string owner, string? jobId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        await using DbCommand cmd = Command(c, null, $"""
            SELECT {DeliveryColumns} FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.owner = d.owner
            WHERE d.owner = $1 AND (CAST($2 AS text) IS NULL OR d.job_id = $2) AND (CAST($3 AS text) IS NULL OR d.state = $3)
            ORDER BY d.created_at DESC, d.job_version DESC, d.id DESC LIMIT $4
            """, owner, jobId, state?.ToString(), limit);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<WebhookDelivery>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(ReadDelivery(r));
        }

        return deliveries;
    }

    /// <inheritdoc />
    public async Task<WebhookDelivery?> RedeliverAsync(string owner, string deliveryId, CancellationToken cancellationToken)
    {
        await using DbConnection c = await open(cancellationToken).ConfigureAwait(false);
        long now = (await clock(c, null, cancellationToken).ConfigureAwait(false)).Now;
        if (await ExecuteAsync(c, null, """
            UPDATE webhook_deliveries SET state = 'Pending', attempts = 0, retry_from = $3, next_attempt_at = $3, delivered_at = NULL WHERE id = $1 AND owner = $2
            """, cancellationToken, deliveryId, owner, now).ConfigureAwait(false) == 0)
        {
            return null;
        }

        return (await ListOneAsync(c, owner, deliveryId, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<WebhookDelivery?> ListOneAsync(DbConnection c, string owner, string id, CancellationToken ct)
    {
        await using DbCommand cmd = Command(c, null, $"SELECT {DeliveryColumns} FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.owner = d.owner WHERE d.id = $1 AND d.owner = $2", id, owner);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? ReadDelivery(r) : null;
    }

    private static WebhookDelivery ReadDelivery(DbDataReader r)
    {
        var state = Enum.Parse<WebhookDeliveryState>(r.GetString(4));
        return new WebhookDelivery(
            r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : Common.UrlRedactor.Redact(r.GetString(3)), state,
            Convert.ToInt32(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), At(r.GetInt64(6)),
            state == WebhookDeliveryState.Pending ? At(r.GetInt64(7)) : null, OptionalAt(r, 8),
            r.IsDBNull(9) ? null : Convert.ToInt32(r.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
            r.IsDBNull(10) ? null : r.GetString(10), OptionalAt(r, 11));
    }

    private async Task<WebhookEndpoint?> ReadEndpointAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = Command(c, tx, sql, args);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false)
            ? new WebhookEndpoint(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), OptionalAt(r, 4), At(r.GetInt64(5)))
            : null;
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? OptionalAt(DbDataReader r, int column) => r.IsDBNull(column) ? null : At(r.GetInt64(column));

    private async Task<int> ExecuteAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using DbCommand cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params object?[] args) => dialect.Command(c, tx, sql, args);
}

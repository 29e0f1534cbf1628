namespace VideoStudio.Engine.Jobs.Store;

/// <summary>The SQLite schema as it shipped before the store was one; append nothing (new migrations go to <see cref="StoreSchema.Shared"/>).</summary>
internal static class SqliteHistory
{
    // A migration that shipped never changes.
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            model_id TEXT NOT NULL,
            state TEXT NOT NULL,
            prediction_id TEXT,
            idempotency_key TEXT,
            created_at INTEGER NOT NULL,
            version INTEGER NOT NULL,
            record TEXT NOT NULL);
        CREATE UNIQUE INDEX ix_jobs_idempotency ON jobs(owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE UNIQUE INDEX ix_jobs_prediction ON jobs(prediction_id) WHERE prediction_id IS NOT NULL;
        CREATE INDEX ix_jobs_owner_created ON jobs(owner, created_at);
        CREATE INDEX ix_jobs_state ON jobs(state);
        CREATE TABLE reservations (
            job_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            amount_usd TEXT NOT NULL,
            settled INTEGER NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX ix_reservations_owner_created ON reservations(owner, created_at);
        """,
        // 2: leases with fencing tokens, the provider as a column (account limits), submissions and signals.
        """
        ALTER TABLE jobs ADD COLUMN provider TEXT NOT NULL DEFAULT '';
        ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
        ALTER TABLE jobs ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE jobs ADD COLUMN lease_expires_at INTEGER;
        UPDATE jobs SET provider = COALESCE(json_extract(record, '$.provider'), '');
        CREATE INDEX ix_jobs_lease_owner ON jobs(lease_owner) WHERE lease_owner IS NOT NULL;
        CREATE INDEX ix_jobs_provider_state ON jobs(provider, state);
        CREATE TABLE submissions (job_id TEXT NOT NULL, provider TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX ix_submissions_provider_at ON submissions(provider, at);
        CREATE TABLE job_signals (job_id TEXT NOT NULL, kind TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (job_id, kind));
        """,
        // 3: provider webhook deliveries already received (de-duplication by webhook-id across hosts).
        """
        CREATE TABLE provider_webhooks (webhook_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
        CREATE INDEX ix_provider_webhooks_received ON provider_webhooks(received_at);
        """,
        // 4: webhooks out: each owner's endpoint and signing secrets, a job's own webhook URL (full, outside the redacted
        // record), and the outbox of events written with the state changes they announce.
        """
        CREATE TABLE webhook_endpoints (owner TEXT PRIMARY KEY, url TEXT, secret TEXT NOT NULL, previous_secret TEXT, previous_until INTEGER, updated_at INTEGER NOT NULL);
        ALTER TABLE jobs ADD COLUMN webhook_url TEXT;
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            job_version INTEGER NOT NULL,
            owner TEXT NOT NULL,
            event_type TEXT NOT NULL,
            target TEXT,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            retry_from INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_attempt_at INTEGER,
            last_status INTEGER,
            last_error TEXT,
            delivered_at INTEGER,
            lease_owner TEXT,
            lease_token INTEGER NOT NULL,
            lease_expires_at INTEGER);
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE state = 'Pending';
        CREATE INDEX ix_webhook_deliveries_owner ON webhook_deliveries(owner, created_at);
        CREATE INDEX ix_webhook_deliveries_job ON webhook_deliveries(job_id, created_at);
        CREATE INDEX ix_webhook_deliveries_claim ON webhook_deliveries(lease_owner) WHERE lease_owner IS NOT NULL;
        """,
        // 5: charges: when a finished job's charge lookup is due (claimed like a job), and whether it has a charge record.
        """
        ALTER TABLE jobs ADD COLUMN charge_due_at INTEGER;
        ALTER TABLE jobs ADD COLUMN charge_status TEXT;
        CREATE INDEX ix_jobs_charge_due ON jobs(charge_due_at) WHERE charge_due_at IS NOT NULL;
        CREATE INDEX ix_jobs_owner_charged ON jobs(owner, created_at) WHERE charge_status IS NOT NULL;
        """,
    ];
}

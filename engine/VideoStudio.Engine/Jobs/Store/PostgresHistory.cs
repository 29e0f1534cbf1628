namespace VideoStudio.Engine.Jobs.Store;

/// <summary>The PostgreSQL schema as it shipped before the store was one; append nothing (new migrations go to <see cref="StoreSchema.Shared"/>).</summary>
internal static class PostgresHistory
{
    // A migration that shipped never changes.
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE jobs (
            id text PRIMARY KEY,
            owner text NOT NULL,
            model_id text NOT NULL,
            state text NOT NULL,
            prediction_id text,
            idempotency_key text,
            created_at bigint NOT NULL,
            version bigint NOT NULL,
            record text NOT NULL,
            provider text NOT NULL,
            lease_owner text,
            lease_token bigint NOT NULL DEFAULT 0,
            lease_expires_at bigint);
        CREATE UNIQUE INDEX ix_jobs_idempotency ON jobs(owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE UNIQUE INDEX ix_jobs_prediction ON jobs(prediction_id) WHERE prediction_id IS NOT NULL;
        CREATE INDEX ix_jobs_owner_created ON jobs(owner, created_at);
        CREATE INDEX ix_jobs_provider_state ON jobs(provider, state);
        CREATE INDEX ix_jobs_unsettled ON jobs(created_at) WHERE state NOT IN ('Completed', 'Failed', 'Cancelled', 'NeedsDecision');
        CREATE INDEX ix_jobs_lease_owner ON jobs(lease_owner) WHERE lease_owner IS NOT NULL;
        CREATE TABLE reservations (
            job_id text PRIMARY KEY,
            owner text NOT NULL,
            amount_usd numeric NOT NULL CHECK (amount_usd >= 0),
            settled boolean NOT NULL,
            created_at bigint NOT NULL);
        CREATE INDEX ix_reservations_owner_created ON reservations(owner, created_at);
        CREATE TABLE submissions (job_id text NOT NULL, provider text NOT NULL, at bigint NOT NULL);
        CREATE INDEX ix_submissions_provider_at ON submissions(provider, at);
        CREATE TABLE job_signals (job_id text NOT NULL, kind text NOT NULL, created_at bigint NOT NULL, PRIMARY KEY (job_id, kind));
        """,
        // 2: provider webhook deliveries already received (de-duplication by webhook-id across hosts).
        """
        CREATE TABLE provider_webhooks (webhook_id text PRIMARY KEY, received_at bigint NOT NULL);
        CREATE INDEX ix_provider_webhooks_received ON provider_webhooks(received_at);
        """,
        // 3: webhooks out: each owner's endpoint and signing secrets, a job's own webhook URL (full, outside the redacted
        // record), and the outbox of events written with the state changes they announce.
        """
        CREATE TABLE webhook_endpoints (owner text PRIMARY KEY, url text, secret text NOT NULL, previous_secret text, previous_until bigint, updated_at bigint NOT NULL);
        ALTER TABLE jobs ADD COLUMN webhook_url text;
        CREATE TABLE webhook_deliveries (
            id text PRIMARY KEY,
            job_id text NOT NULL,
            job_version bigint NOT NULL,
            owner text NOT NULL,
            event_type text NOT NULL,
            target text,
            payload text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL,
            created_at bigint NOT NULL,
            retry_from bigint NOT NULL,
            next_attempt_at bigint NOT NULL,
            last_attempt_at bigint,
            last_status integer,
            last_error text,
            delivered_at bigint,
            lease_owner text,
            lease_token bigint NOT NULL,
            lease_expires_at bigint);
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE state = 'Pending';
        CREATE INDEX ix_webhook_deliveries_owner ON webhook_deliveries(owner, created_at);
        CREATE INDEX ix_webhook_deliveries_job ON webhook_deliveries(job_id, created_at);
        CREATE INDEX ix_webhook_deliveries_claim ON webhook_deliveries(lease_owner) WHERE lease_owner IS NOT NULL;
        """,
        // 4: charges: when a finished job's charge lookup is due (claimed like a job), and whether it has a charge record.
        """
        ALTER TABLE jobs ADD COLUMN charge_due_at bigint;
        ALTER TABLE jobs ADD COLUMN charge_status text;
        CREATE INDEX ix_jobs_charge_due ON jobs(charge_due_at) WHERE charge_due_at IS NOT NULL;
        CREATE INDEX ix_jobs_owner_charged ON jobs(owner, created_at) WHERE charge_status IS NOT NULL;
        """,
    ];
}

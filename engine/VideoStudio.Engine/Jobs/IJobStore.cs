using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Durable job records, leases and budget reservations, shared by every process that works on the same jobs:
/// SQLite for one machine (the embedded default), PostgreSQL for many hosts. Every operation is atomic.
/// A job is worked on by one worker at a time: the worker holding its lease. Every write of a job is a
/// compare-and-set on its <see cref="JobRecord.Version"/> <em>and</em> the lease's fencing token, so a worker that
/// lost its lease (expired, taken over) can change nothing. <c>JobStoreConformance</c> in the tests holds every
/// guarantee below against each implementation.
/// </summary>
internal interface IJobStore
{
    /// <summary>
    /// Stores a new job leased to <paramref name="worker"/> (fencing token 1) and reserves its hold against the owner's
    /// caps in one transaction. The first lease reserves the job for its creator (which holds the caller's input): no
    /// other worker can claim it while it lives, and it takes no place in the account's room until the creator's
    /// <see cref="ClaimWithinLimitsAsync"/> admits it. When the owner already has a job with the same idempotency key and the same request
    /// (model, input, webhook, output path), returns that job, stores nothing and grants no lease.
    /// </summary>
    /// <exception cref="BudgetExceededException">The reservation would exceed a cap.</exception>
    /// <exception cref="Store.IdempotencyKeyReusedException">The key was first used with a different request.</exception>
    /// <exception cref="Store.TooManyQueuedJobsException">The owner has <see cref="BudgetCaps.MaxQueuedJobs"/> jobs waiting already.</exception>
    Task<JobCreation> CreateAsync(JobRecord job, LeaseTerms worker, BudgetCaps caps, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a changed job under <paramref name="lease"/>, and settles its reservation to <paramref name="settleUsd"/>
    /// when given, in one transaction. A job moved to <see cref="JobState.Submitting"/> (the write-ahead of its POST) is
    /// counted in its provider account's submissions of the minute. A job moved to a settled state (terminal or needing a decision) keeps its
    /// lease until the holder releases it, so the holder can still record what arrives late (a prediction id).
    /// </summary>
    /// <exception cref="JobConcurrencyException">The stored version differs (another step of the same holder wrote first).</exception>
    /// <exception cref="JobLeaseLostException">The lease expired or another worker holds the job now.</exception>
    Task<JobRecord> UpdateAsync(JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken cancellationToken);

    /// <summary>
    /// The fenced proof a worker makes before acting outside the store (a paid POST, moving a download into place,
    /// deleting staging files): extends <paramref name="lease"/> to at least <paramref name="duration"/> from now (never
    /// shortens it), only while the store
    /// still shows it held (same worker, same fencing token, not expired by the store's clock), and returns it renewed.
    /// </summary>
    /// <exception cref="JobLeaseLostException">The lease expired or another worker holds the job now.</exception>
    Task<JobLease> ConfirmLeaseAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="job"/> (carrying the prediction id it adopts) under <paramref name="lease"/>, in one
    /// transaction with the check that the task can be this job's: no other job holds that prediction id and, when
    /// <paramref name="fromHistory"/> (a task found in the provider's history, not the POST's own answer), no other
    /// job with the same provider and input fingerprint is still unresolved (<see cref="JobState.Submitting"/> or
    /// <see cref="JobState.NeedsDecision"/> without a prediction id), since the task could be that job's. Null when
    /// refused; nothing is written then.
    /// </summary>
    /// <exception cref="JobConcurrencyException">The stored version differs.</exception>
    /// <exception cref="JobLeaseLostException">The lease is no longer held.</exception>
    Task<JobRecord?> TryAdoptAsync(JobRecord job, JobLease lease, bool fromHistory, CancellationToken cancellationToken);

    /// <summary>
    /// Leases unfinished jobs that nobody holds (never leased, released, or whose lease expired) to the worker, each
    /// with a new, higher fencing token. Jobs needing a decision are claimed only when asked for by id.
    /// </summary>
    Task<IReadOnlyList<ClaimedJob>> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims as <see cref="ClaimAsync"/> does (turns across owners) the unfinished jobs of
    /// <see cref="SubmitLimits.Provider"/>, with the account's limits counted in the same transaction: jobs already
    /// submitted are claimed freely, jobs not yet submitted (queued, uploading) only as many as
    /// <see cref="SubmitLimits.MaxInFlight"/> and <see cref="SubmitLimits.PerMinute"/> leave room for, counting those
    /// workers already hold (admitted), so no host claims work the account cannot take now. Besides jobs nobody holds,
    /// it admits the claimant's own jobs still reserved since their creation (<see cref="CreateAsync"/>'s lease).
    /// This is the one gate of the account's limits: a worker sends a POST only for a job admitted here.
    /// </summary>
    Task<IReadOnlyList<ClaimedJob>> ClaimWithinLimitsAsync(ClaimRequest request, SubmitLimits limits, CancellationToken cancellationToken);

    /// <summary>
    /// Leases finished jobs whose charge lookup is due (<see cref="JobCharge.NextLookupAt"/> reached) and that
    /// nobody holds, each with a new, higher fencing token, so one worker across every process asks the provider and
    /// writes the charge. <see cref="ClaimRequest.JobId"/> and <see cref="ClaimRequest.Provider"/> narrow it as for
    /// <see cref="ClaimAsync"/>.
    /// </summary>
    Task<IReadOnlyList<ClaimedJob>> ClaimChargeLookupsAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>An owner's jobs created since <paramref name="since"/> that have a charge record (pending, known or unavailable), newest first.</summary>
    Task<IReadOnlyList<JobRecord>> ListChargedAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Extends every lease <paramref name="worker"/> still holds; returns those (an absent one was lost).</summary>
    Task<IReadOnlyList<JobLease>> RenewAsync(LeaseTerms worker, CancellationToken cancellationToken);

    /// <summary>Gives a lease back (the job becomes claimable at once). Does nothing when it is no longer held.</summary>
    Task ReleaseAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Asks whoever holds the job to act (cancel it, or check its result now). Signals are kept until taken.</summary>
    Task SignalAsync(string jobId, JobSignal signal, CancellationToken cancellationToken);

    /// <summary>Takes (and deletes) the signals addressed to jobs that <paramref name="worker"/> holds.</summary>
    Task<IReadOnlyList<JobSignalNotice>> TakeSignalsAsync(string worker, CancellationToken cancellationToken);

    /// <summary>Who holds a job's lease now and until when; null when nobody holds a live lease.</summary>
    Task<JobLease?> GetLeaseAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Reads a job, scoped to its owner (null for another owner's job).</summary>
    Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Reads a job whoever owns it (for the engine's own workers, never for a caller).</summary>
    Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Reads a job by prediction id (for webhooks), whoever owns it.</summary>
    Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken);

    /// <summary>
    /// When the job's latest write-ahead (<see cref="JobState.Submitting"/>) was stored, and the store's time now, both
    /// on the store's clock, so every host measures a reconcile window alike whatever its own clock says; null when the
    /// store keeps no record of it.
    /// </summary>
    Task<WriteAheadTime?> GetWriteAheadAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Lists an owner's jobs, newest first.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken);

    /// <summary>What an owner has spent or reserved since <paramref name="since"/>.</summary>
    Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a provider webhook delivery with <paramref name="webhookId"/> arrived, for every host sharing the
    /// store: true the first time, false for a replay or a redelivery. Ids older than <paramref name="forgetBefore"/>
    /// are dropped (deliveries that old fail the signature's timestamp check anyway), so the record stays small.
    /// </summary>
    Task<bool> TryRecordWebhookAsync(string webhookId, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}

/// <summary>Caps checked atomically when a job is created.</summary>
/// <param name="DailyUsd">Cap for the UTC day, or null.</param>
/// <param name="MonthlyUsd">Cap for the UTC month, or null.</param>
/// <param name="Now">The current time (from the host's <see cref="TimeProvider"/>).</param>
internal sealed record BudgetCaps(decimal? DailyUsd, decimal? MonthlyUsd, DateTimeOffset Now)
{
    /// <summary>The most jobs the owner may have waiting to be submitted (queued or uploading); null for no limit.</summary>
    /// <remarks>Over it, <see cref="IJobStore.CreateAsync"/> throws <see cref="Store.TooManyQueuedJobsException"/>.</remarks>
    public int? MaxQueuedJobs { get; init; }
}

/// <summary>The provider account's limits, enforced in the store across every host.</summary>
/// <param name="Provider">The provider endpoint the limits belong to (<see cref="JobRecord.Provider"/>).</param>
/// <param name="MaxInFlight">Tasks submitting or processing at once.</param>
/// <param name="PerMinute">Submissions in any 60 s.</param>
/// <param name="AdmitAtMost">The most jobs not yet submitted this one claim admits (the claimant's own room to start them), within the account's limits.</param>
internal sealed record SubmitLimits(string Provider, int MaxInFlight, int PerMinute, int AdmitAtMost = int.MaxValue);

/// <summary>The result of <see cref="IJobStore.CreateAsync"/>.</summary>
/// <param name="Job">The stored job (or the existing one with the same idempotency key).</param>
/// <param name="Created">False when an existing job was returned.</param>
/// <param name="Lease">The creator's lease; null when nothing was created.</param>
internal sealed record JobCreation(JobRecord Job, bool Created, JobLease? Lease);

/// <summary>A job claimed by <see cref="IJobStore.ClaimAsync"/>, with its new lease.</summary>
/// <param name="Job">The job as stored.</param>
/// <param name="Lease">The lease now held.</param>
internal sealed record ClaimedJob(JobRecord Job, JobLease Lease);

/// <summary>Spend since a point in time.</summary>
/// <param name="SettledUsd">Final costs of finished jobs.</param>
/// <param name="ReservedUsd">Holds of jobs not finished yet.</param>
/// <param name="Jobs">Jobs counted.</param>
public sealed record SpendSummary(decimal SettledUsd, decimal ReservedUsd, int Jobs)
{
    /// <summary>Settled plus reserved.</summary>
    public decimal TotalUsd => SettledUsd + ReservedUsd;
}

/// <summary>A request refused because it would exceed a budget; the message gives the amounts.</summary>
public sealed class BudgetExceededException(string message) : Exception(message);

/// <summary>A job changed under a writer (optimistic concurrency).</summary>
internal sealed class JobConcurrencyException(string message) : Exception(message);

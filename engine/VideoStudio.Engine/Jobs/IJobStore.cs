using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Durable job records and budget reservations. SQLite by default; the interface is what a shared store
/// (several hosts) implements later. Every write is atomic; updates are optimistic (by <see cref="JobRecord.Version"/>).
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// Stores a new job and reserves its hold against the owner's caps in one transaction. When the owner already has
    /// a job with the same idempotency key, returns that job and stores nothing.
    /// </summary>
    /// <exception cref="BudgetExceededException">The reservation would exceed a cap.</exception>
    Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, BudgetCaps caps, CancellationToken cancellationToken);

    /// <summary>Writes a changed job; fails when someone else changed it since it was read.</summary>
    /// <exception cref="JobConcurrencyException">The stored version differs.</exception>
    Task<JobRecord> UpdateAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>Reads a job, scoped to its owner (null for another owner's job).</summary>
    Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Reads a job by prediction id (for webhooks), whoever owns it.</summary>
    Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken);

    /// <summary>Lists an owner's jobs, newest first.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Every job that is not terminal, for every owner (resume on start).</summary>
    Task<IReadOnlyList<JobRecord>> ListUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Settles a job's reservation to its final cost (zero when nothing was charged).</summary>
    Task SettleAsync(string jobId, decimal finalUsd, CancellationToken cancellationToken);

    /// <summary>What an owner has spent or reserved since <paramref name="since"/>.</summary>
    Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Caps checked atomically when a job is created.</summary>
/// <param name="DailyUsd">Cap for the UTC day, or null.</param>
/// <param name="MonthlyUsd">Cap for the UTC month, or null.</param>
/// <param name="Now">The current time (from the host's <see cref="TimeProvider"/>).</param>
public sealed record BudgetCaps(decimal? DailyUsd, decimal? MonthlyUsd, DateTimeOffset Now);

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
public sealed class JobConcurrencyException(string message) : Exception(message);

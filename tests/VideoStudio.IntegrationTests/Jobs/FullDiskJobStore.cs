using Microsoft.Data.Sqlite;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.IntegrationTests.Jobs;

/// <summary>
/// A real store whose job writes fail the way SQLite's do on a full disk (SQLITE_FULL) while <see cref="Full"/> is
/// set; reads, leases and everything else go through. Counts the writes it refused.
/// </summary>
internal sealed class FullDiskJobStore(IJobStore inner) : IJobStore
{
    private int refused;

    public volatile bool Full;

    public int Refused => refused;

    public Task<JobRecord> UpdateAsync(JobRecord job, JobLease lease, decimal? settleUsd, CancellationToken cancellationToken) =>
        Refuse() ?? inner.UpdateAsync(job, lease, settleUsd, cancellationToken);

    public async Task<JobRecord?> TryAdoptAsync(JobRecord job, JobLease lease, bool fromHistory, CancellationToken cancellationToken) =>
        Refuse() is { } refusal ? await refusal : await inner.TryAdoptAsync(job, lease, fromHistory, cancellationToken);

    public Task<JobLease> ConfirmLeaseAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken) => inner.ConfirmLeaseAsync(lease, duration, cancellationToken);

    public Task<JobCreation> CreateAsync(JobRecord job, LeaseTerms worker, BudgetCaps caps, CancellationToken cancellationToken) => inner.CreateAsync(job, worker, caps, cancellationToken);

    public Task<IReadOnlyList<ClaimedJob>> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken) => inner.ClaimAsync(request, cancellationToken);

    public Task<IReadOnlyList<ClaimedJob>> ClaimWithinLimitsAsync(ClaimRequest request, SubmitLimits limits, CancellationToken cancellationToken) =>
        inner.ClaimWithinLimitsAsync(request, limits, cancellationToken);

    public Task<IReadOnlyList<ClaimedJob>> ClaimChargeLookupsAsync(ClaimRequest request, CancellationToken cancellationToken) => inner.ClaimChargeLookupsAsync(request, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> ListChargedAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken) => inner.ListChargedAsync(owner, since, cancellationToken);

    public Task<IReadOnlyList<JobLease>> RenewAsync(LeaseTerms worker, CancellationToken cancellationToken) => inner.RenewAsync(worker, cancellationToken);

    public Task ReleaseAsync(JobLease lease, CancellationToken cancellationToken) => inner.ReleaseAsync(lease, cancellationToken);

    public Task SignalAsync(string jobId, JobSignal signal, CancellationToken cancellationToken) => inner.SignalAsync(jobId, signal, cancellationToken);

    public Task<IReadOnlyList<JobSignalNotice>> TakeSignalsAsync(string worker, CancellationToken cancellationToken) => inner.TakeSignalsAsync(worker, cancellationToken);

    public Task<JobLease?> GetLeaseAsync(string jobId, CancellationToken cancellationToken) => inner.GetLeaseAsync(jobId, cancellationToken);

    public Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken) => inner.GetAsync(id, owner, cancellationToken);

    public Task<JobRecord?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public Task<JobRecord?> FindByPredictionAsync(string predictionId, CancellationToken cancellationToken) => inner.FindByPredictionAsync(predictionId, cancellationToken);

    public Task<WriteAheadTime?> GetWriteAheadAsync(string jobId, CancellationToken cancellationToken) => inner.GetWriteAheadAsync(jobId, cancellationToken);

    public Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state, int limit, CancellationToken cancellationToken) => inner.ListAsync(owner, state, limit, cancellationToken);

    public Task<SpendSummary> GetSpendAsync(string owner, DateTimeOffset since, CancellationToken cancellationToken) => inner.GetSpendAsync(owner, since, cancellationToken);

    public Task<bool> TryRecordWebhookAsync(string webhookId, DateTimeOffset forgetBefore, CancellationToken cancellationToken) => inner.TryRecordWebhookAsync(webhookId, forgetBefore, cancellationToken);

    private Task<JobRecord>? Refuse()
    {
        if (!Full)
        {
            return null;
        }

        Interlocked.Increment(ref refused);
        return Task.FromException<JobRecord>(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13));
    }
}

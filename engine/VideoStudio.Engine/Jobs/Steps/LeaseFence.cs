using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// One held job's lease and the writes that prove it. Every job write carries the lease's fencing token; what a
/// worker does outside the store (the paid POST, moving a download into place, deleting staging files) follows
/// <see cref="ConfirmAsync"/>, a write the store accepts only while the lease is still this worker's.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="lease">The lease the store granted.</param>
/// <param name="duration">How long a confirmation extends it.</param>
internal sealed class LeaseFence(IJobStore store, JobLease lease, TimeSpan duration)
{
    private JobLease current = lease;

    /// <summary>The lease as last granted, confirmed or renewed.</summary>
    public JobLease Lease
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }

    /// <summary>
    /// Proves in the store that this worker still holds the job (same token, not expired) and extends the lease, so
    /// what follows happens inside it.
    /// </summary>
    /// <exception cref="JobLeaseLostException">Another worker holds the job, or the lease expired.</exception>
    public async Task ConfirmAsync(CancellationToken cancellationToken) =>
        Lease = await store.ConfirmLeaseAsync(Lease, duration, cancellationToken).ConfigureAwait(false);

    /// <summary>The write-ahead of the paid POST (the job admitted within the account's limits by its claim), fenced like every write.</summary>
    /// <exception cref="JobLeaseLostException">Another worker holds the job, or the lease expired.</exception>
    public Task<JobRecord> WriteAheadAsync(JobRecord submitting, CancellationToken cancellationToken) =>
        store.UpdateAsync(submitting, Lease, null, cancellationToken);
}

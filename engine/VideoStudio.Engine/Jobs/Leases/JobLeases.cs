using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>
/// The leases this process holds, one per job it works on. Every step of a job writes under the job's lease from
/// here; steps that work on a job take a <see cref="Use"/>, and when the last use ends the lease is given back, so
/// another process can claim the job at once instead of waiting for it to expire. A lease found lost (by
/// <see cref="LeaseKeeper"/>) is dropped and its <see cref="LostToken"/> fires, which stops the job's work here.
/// </summary>
public sealed class JobLeases(IJobStore store, JobWorker worker, IOptions<JobOptions> options, ILogger<JobLeases> logger)
{
    private readonly ConcurrentDictionary<string, Held> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> releasing = new();

    /// <summary>This worker's id and lease length, as the store takes them.</summary>
    public LeaseTerms Terms => new(worker.Id, options.Value.LeaseDuration);

    /// <summary>Leases held now.</summary>
    public int Count => held.Count;

    /// <summary>Job ids held now.</summary>
    public IReadOnlyCollection<string> JobIds => [.. held.Keys];

    /// <summary>Starts holding a lease the store granted (at creation or claim).</summary>
    public void Add(JobLease lease)
    {
        if (held.TryGetValue(lease.JobId, out Held? old))
        {
            old.Lost.Cancel(); // a reclaim replaces a lost lease: work under the old token must stop
        }

        held[lease.JobId] = new Held(lease);
    }

    /// <summary>True while this process holds the job's lease.</summary>
    public bool IsHeld(string jobId) => held.ContainsKey(jobId);

    /// <summary>The job's lease, for a write.</summary>
    /// <exception cref="JobLeaseLostException">This process does not hold it.</exception>
    public JobLease Get(string jobId) =>
        held.TryGetValue(jobId, out Held? h) ? h.Lease : throw new JobLeaseLostException(jobId, "not held by this worker");

    /// <summary>Fires when the job's lease is lost (already cancelled when it is not held).</summary>
    public CancellationToken LostToken(string jobId) => held.TryGetValue(jobId, out Held? h) ? h.Lost.Token : new CancellationToken(canceled: true);

    /// <summary>Marks a step as working on the job; when the last one ends, the lease is released.</summary>
    public IDisposable Use(string jobId)
    {
        if (!held.TryGetValue(jobId, out Held? h))
        {
            return new LeaseUse(this, null);
        }

        Interlocked.Increment(ref h.Uses);
        return new LeaseUse(this, h);
    }

    /// <summary>Takes a use of the job's lease when this process holds it (so it is not given back meanwhile).</summary>
    public bool TryUse(string jobId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IDisposable? use)
    {
        while (held.TryGetValue(jobId, out Held? h))
        {
            int uses = Volatile.Read(ref h.Uses);
            if (uses == 0 && h.Released)
            {
                break;
            }

            if (Interlocked.CompareExchange(ref h.Uses, uses + 1, uses) == uses)
            {
                use = new LeaseUse(this, h);
                return true;
            }
        }

        use = null;
        return false;
    }

    /// <summary>The leases held now, by job id (taken just before a renewal).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => held.ToDictionary(h => h.Key, h => h.Value.Lease.Token, StringComparer.Ordinal);

    /// <summary>
    /// Records a renewal: every lease of <paramref name="before"/> that the store did not renew is lost (a lease
    /// added while the renewal ran is not judged by it). Returns the lost job ids.
    /// </summary>
    public IReadOnlyList<string> Renewed(IReadOnlyDictionary<string, long> before, IReadOnlyList<JobLease> renewed)
    {
        var current = renewed.ToDictionary(l => l.JobId, StringComparer.Ordinal);
        var lost = new List<string>();
        foreach ((string jobId, long token) in before)
        {
            if (!held.TryGetValue(jobId, out Held? h) || h.Lease.Token != token)
            {
                continue; // released or replaced meanwhile
            }

            if (current.TryGetValue(jobId, out JobLease? lease) && lease.Token == token)
            {
                h.Lease = lease;
            }
            else
            {
                lost.Add(jobId);
                Drop(jobId, h, "not renewed");
            }
        }

        return lost;
    }

    /// <summary>Drops every lease as lost: this worker could not renew in time, so it must stop before they lapse.</summary>
    public void LoseAll(string reason)
    {
        foreach ((string jobId, Held h) in held)
        {
            Drop(jobId, h, reason);
        }
    }

    /// <summary>Drops one lease as lost (a write was refused: another worker holds the job).</summary>
    public void Lose(string jobId)
    {
        if (held.TryGetValue(jobId, out Held? h))
        {
            Drop(jobId, h, "refused by the store");
        }
    }

    /// <summary>Gives back every lease (the host is stopping), so other processes take the jobs over at once.</summary>
    public async Task ReleaseAllAsync()
    {
        foreach ((string jobId, Held h) in held)
        {
            if (held.TryRemove(new KeyValuePair<string, Held>(jobId, h)))
            {
                h.Lost.Cancel();
                releasing.TryAdd(ReleaseAsync(h.Lease), 0);
            }
        }

        await Task.WhenAll(releasing.Keys).ConfigureAwait(false);
    }

    private void Drop(string jobId, Held h, string reason)
    {
        if (held.TryRemove(new KeyValuePair<string, Held>(jobId, h)))
        {
            logger.LogWarning("Job {Job}: lease lost ({Reason}); this process stops working on it", jobId, reason);
            h.Lost.Cancel();
        }
    }

    private void EndUse(Held h)
    {
        if (Interlocked.Decrement(ref h.Uses) == 0 && held.TryRemove(new KeyValuePair<string, Held>(h.Lease.JobId, h)))
        {
            h.Released = true;
            h.Lost.Cancel();
            Task release = ReleaseAsync(h.Lease);
            releasing.TryAdd(release, 0);
            _ = ForgetWhenDoneAsync(release);
        }
    }

    private async Task ReleaseAsync(JobLease lease)
    {
        try
        {
            await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Harmless: the lease lapses on its own after its duration.
            logger.LogWarning("Job {Job}: could not release its lease ({Reason}); it lapses on its own", lease.JobId, ex.Message);
        }
    }

    private sealed class Held(JobLease lease)
    {
        public int Uses;

        public volatile bool Released;

        public JobLease Lease { get; set; } = lease;

        public CancellationTokenSource Lost { get; } = new();
    }

    private sealed class LeaseUse(JobLeases owner, Held? held) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (held is not null && Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.EndUse(held);
            }
        }
    }

    // A release in flight stays tracked (so a stop can wait for it) until it ends, however it ends.
    private async Task ForgetWhenDoneAsync(Task release)
    {
        await Task.WhenAny(release).ConfigureAwait(false);
        releasing.TryRemove(release, out _);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// Keeps this process's leases true while <see cref="RunAsync"/> runs: renews every held lease each
/// <see cref="JobOptions.LeaseRenewInterval"/> (one statement for all), stops the work of one that was lost and claims
/// it again if nobody took it, stops everything one interval before the leases would lapse when the store cannot be
/// reached, acts on signals other processes left (cancel, check now), and, when <see cref="JobOptions.TakeoverInterval"/>
/// is set, claims jobs whose worker died.
/// </summary>
internal sealed class LeaseRenewal(IJobStore store, JobExecutor executor, TimeProvider time, IOptions<JobOptions> options, ILogger<LeaseRenewal> logger)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        JobOptions o = options.Value;
        DateTimeOffset renewedAt = time.GetUtcNow();
        DateTimeOffset nextRenewal = renewedAt + o.LeaseRenewInterval;
        DateTimeOffset nextTakeover = renewedAt + (o.TakeoverInterval ?? TimeSpan.Zero);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(o.SignalInterval, time, cancellationToken).ConfigureAwait(false);
                DateTimeOffset now = time.GetUtcNow();
                if (now >= nextRenewal)
                {
                    nextRenewal = now + o.LeaseRenewInterval;
                    renewedAt = await RenewAsync(renewedAt, now, cancellationToken).ConfigureAwait(false);
                }

                if (executor.HasLeases)
                {
                    await TakeSignalsAsync(cancellationToken).ConfigureAwait(false);
                }

                if (o.TakeoverInterval is { } takeover && now >= nextTakeover)
                {
                    nextTakeover = now + takeover;
                    await executor.ClaimAsync(int.MaxValue, null, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Job leases: a renewal step failed; trying again at the next tick");
            }
        }
    }

    // Returns when the leases were last known renewed.
    private async Task<DateTimeOffset> RenewAsync(DateTimeOffset renewedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<HeldJob> before = executor.Held;
        IReadOnlyList<JobLease> renewed;
        try
        {
            renewed = await store.RenewAsync(executor.Terms, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Stop one renewal interval before the leases lapse, so no write or POST of ours can land after another
            // worker may have claimed the job.
            if (now + options.Value.LeaseRenewInterval >= renewedAt + options.Value.LeaseDuration)
            {
                foreach (HeldJob job in before)
                {
                    executor.Lose(job.Job.Id, $"the job store could not be reached to renew leases since {renewedAt:O}: {ex.Message}");
                }
            }
            else
            {
                logger.LogWarning("Job leases: renewal failed ({Reason}); retrying", ex.Message);
            }

            return renewedAt;
        }

        var current = renewed.ToDictionary(l => l.JobId, StringComparer.Ordinal);
        executor.Renewed(current);
        foreach (HeldJob job in before)
        {
            JobLease lease = job.Fence.Lease;
            if (current.TryGetValue(lease.JobId, out JobLease? fresh) && fresh.Token == lease.Token)
            {
                job.Fence.Lease = fresh;
            }
            else if (executor.Held.Contains(job))
            {
                // Lapsed (this process stalled): stop, and claim it again if nobody took it meanwhile.
                executor.Lose(lease.JobId, "not renewed");
                await executor.ClaimAsync(1, lease.JobId, cancellationToken).ConfigureAwait(false);
            }
        }

        return now;
    }

    private async Task TakeSignalsAsync(CancellationToken cancellationToken)
    {
        foreach (JobSignalNotice notice in await store.TakeSignalsAsync(executor.Terms.Worker, cancellationToken).ConfigureAwait(false))
        {
            if (notice.Signal == JobSignal.Cancel)
            {
                _ = executor.RequestCancel(notice.JobId); // acted on by the executor; nothing here waits for it
            }
            else
            {
                executor.MakeDue(notice.JobId);
            }
        }
    }
}

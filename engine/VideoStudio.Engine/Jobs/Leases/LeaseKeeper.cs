using Microsoft.Extensions.Logging;

namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>
/// The one loop that keeps this process's claims true: renews every held lease each
/// <see cref="JobOptions.LeaseRenewInterval"/> (one statement for all of them), stops the work of a lease that was
/// lost and reclaims it if nobody took it, stops everything one interval before the leases would lapse when the
/// store cannot be reached, acts on signals other processes left (cancel, check now), and, when
/// <see cref="JobOptions.TakeoverInterval"/> is set, takes over jobs whose worker died.
/// </summary>
public sealed class LeaseKeeper(JobContext context, JobResumer resumer, JobCancellation cancellation, PollScheduler scheduler, JobBackground background, ILogger<LeaseKeeper> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Lock sync = new();
    private Task? loop;

    /// <summary>Starts the loop (once).</summary>
    public void Start()
    {
        lock (sync)
        {
            loop ??= Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        JobOptions o = context.Options;
        DateTimeOffset renewedAt = context.Time.GetUtcNow();
        DateTimeOffset nextRenewal = renewedAt + o.LeaseRenewInterval;
        DateTimeOffset nextTakeover = renewedAt + (o.TakeoverInterval ?? TimeSpan.Zero);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(o.SignalInterval, context.Time, stop.Token).ConfigureAwait(false);
                DateTimeOffset now = context.Time.GetUtcNow();
                if (now >= nextRenewal)
                {
                    nextRenewal = now + o.LeaseRenewInterval;
                    renewedAt = await RenewAsync(renewedAt, now).ConfigureAwait(false);
                }

                if (context.Leases.Count > 0)
                {
                    await TakeSignalsAsync().ConfigureAwait(false);
                }

                if (o.TakeoverInterval is { } takeover && now >= nextTakeover)
                {
                    nextTakeover = now + takeover;
                    await resumer.ResumeAsync(int.MaxValue, stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Job leases: a keeper step failed; trying again at the next tick");
            }
        }
    }

    // Returns when the leases were last known renewed.
    private async Task<DateTimeOffset> RenewAsync(DateTimeOffset renewedAt, DateTimeOffset now)
    {
        IReadOnlyDictionary<string, long> before = context.Leases.Snapshot();
        try
        {
            IReadOnlyList<JobLease> renewed = await context.Store.RenewAsync(context.Leases.Terms, stop.Token).ConfigureAwait(false);
            foreach (string lost in context.Leases.Renewed(before, renewed))
            {
                // Lapsed without anyone taking it (this process stalled): claim it again if it is still free.
                await resumer.ResumeAsync(1, stop.Token, lost).ConfigureAwait(false);
            }

            return now;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Stop one renewal interval before the leases lapse, so no write or POST of ours can land after another
            // worker may have claimed the job.
            if (now + context.Options.LeaseRenewInterval >= renewedAt + context.Options.LeaseDuration)
            {
                context.Leases.LoseAll($"the job store could not be reached to renew leases since {renewedAt:O}: {ex.Message}");
            }
            else
            {
                logger.LogWarning("Job leases: renewal failed ({Reason}); retrying", ex.Message);
            }

            return renewedAt;
        }
    }

    private async Task TakeSignalsAsync()
    {
        foreach (JobSignalNotice notice in await context.Store.TakeSignalsAsync(context.Leases.Terms.Worker, stop.Token).ConfigureAwait(false))
        {
            if (notice.Signal == JobSignal.Cancel && await context.Store.FindAsync(notice.JobId, stop.Token).ConfigureAwait(false) is { } job && context.Leases.IsHeld(job.Id))
            {
                await cancellation.CancelHeldAsync(job, stop.Token).ConfigureAwait(false);
            }
            else if (notice.Signal == JobSignal.CheckNow)
            {
                await scheduler.CheckNowAsync(notice.JobId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the loop, lets background work put its state down, then gives every lease back (idempotent).</summary>
    public async Task StopAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        await background.StopAsync().ConfigureAwait(false);
        await context.Leases.ReleaseAllAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stop.Dispose();
    }
}

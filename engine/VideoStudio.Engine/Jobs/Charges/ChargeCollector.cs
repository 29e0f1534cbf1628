using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Charges;

/// <summary>
/// Asks the provider what it charged for finished jobs whose lookup is due. Each job is claimed in the store first
/// (a lease with a fencing token, as any job step), so with several processes exactly one asks and writes; the
/// charge is written under that lease and settles the job's reservation to it in the same transaction (an
/// adjustment of the settled amount, up or down, never a negative charge). A record not there yet schedules the
/// next lookup; after the last one the charge stays unknown and the estimate stands.
/// </summary>
internal sealed class ChargeCollector(JobContext context, ILogger<ChargeCollector> logger) : IAsyncDisposable
{
    private const int BatchSize = 50;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock sync = new();
    private Task? loop;

    /// <summary>Starts the periodic lookups (once), every <see cref="JobOptions.ChargeLookupInterval"/>; does nothing when it is unset.</summary>
    public void Start()
    {
        if (context.Options.ChargeLookupInterval is not TimeSpan interval)
        {
            return;
        }

        lock (sync)
        {
            loop ??= Task.Run(() => LoopAsync(interval));
        }
    }

    /// <summary>Claims and looks up every charge due now (in batches); returns how many jobs were looked up.</summary>
    public async Task<int> CollectDueAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        for (int batch = 0; batch < 100; batch++)
        {
            string? provider = context.Options.AbandonJobsOfOtherProviders ? null : context.ProviderName;
            IReadOnlyList<ClaimedJob> claimed = await context.Store.ClaimChargeLookupsAsync(new ClaimRequest(context.Leases.Terms, BatchSize, null, provider), cancellationToken).ConfigureAwait(false);
            foreach ((JobRecord job, JobLease lease) in claimed)
            {
                context.Leases.Add(lease);
                using IDisposable use = context.Leases.Use(job.Id); // gives the lease back when this lookup ends
                try
                {
                    await LookUpAsync(job, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JobLeaseLostException or JobSupersededException)
                {
                    logger.LogInformation("Job {Job}: charge lookup stopped, another worker has the job", job.Id);
                }
            }

            total += claimed.Count;
            if (claimed.Count < BatchSize)
            {
                break;
            }
        }

        return total;
    }

    private async Task LookUpAsync(JobRecord job, CancellationToken cancellationToken)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        if (job.Provider != context.ProviderName)
        {
            await context.WriteAsync(ChargeLookup.Abandoned(job, now, $"the provider it was sent to ({job.Provider}) is no longer running"), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (context.Provider.GetService<IProviderCharges>() is not { } charges)
        {
            await context.WriteAsync(ChargeLookup.Abandoned(job, now, $"the provider ({job.Provider}) publishes no billing records"), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        decimal? charged;
        try
        {
            charged = await charges.GetChargeAsync(job.PredictionId!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException)
        {
            logger.LogWarning("Job {Job}: the provider's billing records could not be read: {Reason}", job.Id, ex.Message);
            await context.WriteAsync(ChargeLookup.NotYet(job, now, context.Options.ChargeLookupSchedule, $"the provider's billing records could not be read ({ex.Message})"), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (charged is decimal usd)
        {
            await context.WriteAsync(ChargeLookup.Known(job, usd, now), usd, cancellationToken).ConfigureAwait(false);
            context.Metrics.Charged(job.ModelId, usd);
            logger.LogInformation("Job {Job} ({Model}): the provider charged {Charged} USD (estimated {Estimated})", job.Id, job.ModelId, usd, job.EstimateUsd);
        }
        else
        {
            await context.WriteAsync(ChargeLookup.NotYet(job, now, context.Options.ChargeLookupSchedule, "the provider has no billing record for it yet"), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, context.Time, stop.Token).ConfigureAwait(false);
                await CollectDueAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Charge lookups: a pass failed; trying again at the next tick");
            }
        }
    }

    /// <summary>Stops the loop (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        stop.Dispose();
    }
}

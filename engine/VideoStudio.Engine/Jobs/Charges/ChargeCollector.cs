using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs.Charges;

/// <summary>
/// Asks the provider what it charged for finished jobs whose lookup is due. Each job is claimed in the store first
/// (a lease with a fencing token, as any job step), so with several processes exactly one asks and writes; the
/// charge is written under that lease and settles the job's reservation to it in the same transaction (an
/// adjustment of the settled amount, up or down, never a negative charge). A record not there yet schedules the
/// next lookup; after the last one the charge stays unknown and the estimate stands.
/// </summary>
internal sealed class ChargeCollector(IJobStore store, IVideoProvider provider, JobWorker worker, TimeProvider time, IOptions<JobOptions> options, VideoStudioMetrics metrics, ILogger<ChargeCollector> logger)
{
    private const int BatchSize = 50;

    /// <summary>Looks up due charges every <see cref="JobOptions.ChargeLookupInterval"/> until <paramref name="cancellationToken"/> fires; returns at once when it is unset.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ChargeLookupInterval is not TimeSpan interval)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CollectDueAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Charge lookups: a pass failed; trying again at the next tick");
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Claims and looks up every charge due now (in batches); returns how many jobs were looked up.</summary>
    public async Task<int> CollectDueAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        var terms = new LeaseTerms(worker.Id, options.Value.LeaseDuration);
        string? account = options.Value.AbandonJobsOfOtherProviders ? null : provider.Metadata.Account;
        for (int batch = 0; batch < 100; batch++)
        {
            IReadOnlyList<ClaimedJob> claimed = await store.ClaimChargeLookupsAsync(new ClaimRequest(terms, BatchSize, null, account), cancellationToken).ConfigureAwait(false);
            foreach ((JobRecord job, JobLease lease) in claimed)
            {
                try
                {
                    await LookUpAsync(job, lease, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JobLeaseLostException or JobConcurrencyException)
                {
                    logger.LogInformation("Job {Job}: charge lookup stopped, another worker has the job", job.Id);
                }
                finally
                {
                    await store.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
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

    private async Task LookUpAsync(JobRecord job, JobLease lease, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (job.Provider != provider.Metadata.Account)
        {
            await store.UpdateAsync(ChargeLookup.Abandoned(job, now, $"the provider it was sent to ({job.Provider}) is no longer running"), lease, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (provider.GetService<IProviderCharges>() is not { } charges)
        {
            await store.UpdateAsync(ChargeLookup.Abandoned(job, now, $"the provider ({job.Provider}) publishes no billing records"), lease, null, cancellationToken).ConfigureAwait(false);
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
            await store.UpdateAsync(ChargeLookup.NotYet(job, now, options.Value.ChargeLookupSchedule, $"the provider's billing records could not be read ({ex.Message})"), lease, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (charged is decimal usd)
        {
            await store.UpdateAsync(ChargeLookup.Known(job, usd, now), lease, usd, cancellationToken).ConfigureAwait(false);
            metrics.Charged(job.ModelId, usd);
            logger.LogInformation("Job {Job} ({Model}): the provider charged {Charged} USD (estimated {Estimated})", job.Id, job.ModelId, usd, job.EstimateUsd);
        }
        else
        {
            await store.UpdateAsync(ChargeLookup.NotYet(job, now, options.Value.ChargeLookupSchedule, "the provider has no billing record for it yet"), lease, null, cancellationToken).ConfigureAwait(false);
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Steps;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// The one write that applies a step's result: the new state with its change, the money settled, the charge lookup
/// scheduled when a job the provider accepted ends (the store appends the outgoing webhook event in the same
/// transaction), then the event published and counted. A store that is briefly full or busy is waited out while
/// the lease lasts.
/// </summary>
internal sealed class JobWriter(IJobStore store, JobEventHub events, VideoStudioMetrics metrics, TimeProvider time, IOptions<JobOptions> options, ILogger<JobWriter> logger)
{
    /// <summary>Stores <paramref name="advance"/> under the lease; null when the store refused the adoption it carries.</summary>
    /// <exception cref="JobLeaseLostException">Another worker holds the job.</exception>
    /// <exception cref="JobConcurrencyException">The job changed since it was read.</exception>
    public async Task<JobRecord?> AdvanceAsync(Advance advance, LeaseFence fence, CancellationToken cancellationToken)
    {
        JobRecord next = advance.Next;
        if (options.Value.ChargeLookupInterval is not null)
        {
            next = ChargeLookup.ScheduleFirst(next, time.GetUtcNow(), options.Value.ChargeLookupSchedule);
        }

        JobRecord? stored = await WriteAsync(next, async token => advance.Adopts is Adoption adoption
            ? await store.TryAdoptAsync(next, fence.Lease, adoption == Adoption.FromHistory, token).ConfigureAwait(false)
            : await store.UpdateAsync(next, fence.Lease, advance.SettleUsd, token).ConfigureAwait(false), fence, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        events.Publish(new JobEvent(stored.Id, advance.Kind, stored.State, stored.UpdatedAt, advance.Message));
        metrics.JobEntered(stored.ModelId, stored.State);
        if (advance.SettleUsd is decimal settled)
        {
            metrics.Settled(stored.ModelId, settled);
        }

        logger.LogInformation("Job {Job} ({Model}) is {State}{Detail}", stored.Id, stored.ModelId, stored.State, advance.Message is null ? string.Empty : ": " + advance.Message);
        return stored;
    }

    /// <summary>Records why a job waits (no state change, no event of its own).</summary>
    public async Task<JobRecord> NoteAsync(JobRecord job, JobError note, LeaseFence fence, CancellationToken cancellationToken)
    {
        JobRecord next = job with { Error = note, UpdatedAt = time.GetUtcNow() };
        return (await WriteAsync(next, async token => await store.UpdateAsync(next, fence.Lease, null, token).ConfigureAwait(false), fence, cancellationToken).ConfigureAwait(false))!;
    }

    // A write whose answer was lost may have been stored: a refusal for "changed since read" after a retry is checked
    // against what the retried write would have stored.
    private async Task<JobRecord?> WriteAsync(JobRecord next, Func<CancellationToken, Task<JobRecord?>> write, LeaseFence fence, CancellationToken cancellationToken)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(200);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await write(cancellationToken).ConfigureAwait(false);
            }
            catch (JobConcurrencyException) when (attempt > 0)
            {
                JobRecord? current = await store.FindAsync(next.Id, cancellationToken).ConfigureAwait(false);
                if (current is null || current.Version != next.Version + 1 || current.State != next.State || current.UpdatedAt != next.UpdatedAt)
                {
                    throw;
                }

                return current;
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex) && attempt < 30 && time.GetUtcNow() + delay < fence.Lease.ExpiresAt)
            {
                logger.LogWarning("Job {Job}: the job store refused a write ({Reason}); trying again in {Delay}", next.Id, ex.Message, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.LeaseRenewInterval.Ticks));
            }
        }
    }
}

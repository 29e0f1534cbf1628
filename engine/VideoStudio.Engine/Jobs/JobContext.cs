using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// What every job step needs: store, leases, provider, clock, events, options. Also the one place a job's changes
/// are written (under this process's lease on the job) and announced.
/// </summary>
public sealed class JobContext(IJobStore store, JobLeases leases, IVideoProvider provider, TimeProvider time, JobEventHub events, IOptions<JobOptions> options, VideoStudioMetrics metrics, ILogger<JobContext> logger)
{
    /// <summary>The engine's instruments.</summary>
    public VideoStudioMetrics Metrics => metrics;

    /// <summary>The store.</summary>
    public IJobStore Store => store;

    /// <summary>The leases this process holds.</summary>
    public JobLeases Leases => leases;

    /// <summary>The provider client.</summary>
    public IVideoProvider Provider => provider;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary>The event hub.</summary>
    public JobEventHub Events => events;

    /// <summary>Job options.</summary>
    public JobOptions Options => options.Value;

    /// <summary>The provider account jobs are sent to (<see cref="VideoProviderMetadata.Account"/>), stored on each job.</summary>
    public string ProviderName => provider.Metadata.Account;

    /// <summary>The logger.</summary>
    public ILogger Logger => logger;

    /// <summary>
    /// Moves a job to a new state, stores it under this process's lease (settling its reservation in the same
    /// transaction when <paramref name="settleUsd"/> is given), and publishes the matching event. Only the writer
    /// whose change is stored settles, so a lost race never overwrites the winner's cost.
    /// </summary>
    /// <exception cref="JobSupersededException">Another step of this process changed the job since <paramref name="job"/> was read.</exception>
    /// <exception cref="JobLeaseLostException">This process no longer holds the job: it must stop.</exception>
    public async Task<JobRecord> TransitionAsync(JobRecord job, JobState state, Func<JobRecord, JobRecord>? change, JobEventKind kind, string? message, CancellationToken cancellationToken, decimal? settleUsd = null)
    {
        JobRecord next = job.MoveTo(state, time.GetUtcNow());
        next = change?.Invoke(next) ?? next;
        JobRecord stored = await WriteAsync(next, settleUsd, state, cancellationToken).ConfigureAwait(false);
        events.Publish(new JobEvent(stored.Id, kind, state, stored.UpdatedAt, message));
        metrics.JobEntered(stored.ModelId, state);
        if (settleUsd is decimal settled)
        {
            metrics.Settled(stored.ModelId, settled);
        }

        logger.LogInformation("Job {Job} ({Model}) is {State}{Detail}", stored.Id, stored.ModelId, state, message is null ? string.Empty : ": " + message);
        return stored;
    }

    /// <summary>Stores a changed job (no state change of its own) under this process's lease.</summary>
    public Task<JobRecord> WriteAsync(JobRecord job, decimal? settleUsd, CancellationToken cancellationToken) => WriteAsync(job, settleUsd, job.State, cancellationToken);

    /// <summary>
    /// The write-ahead of the paid POST, within the provider account's limits across every process sharing the
    /// store; null while a limit is reached (the caller waits and asks again).
    /// </summary>
    public async Task<JobRecord?> TryBeginSubmissionAsync(JobRecord next, CancellationToken cancellationToken)
    {
        try
        {
            var limits = new SubmitLimits(ProviderName, Options.MaxConcurrentJobs, Options.SubmitsPerMinute);
            JobRecord? stored = await StoreRetry(next.Id, () => { }).ExecuteAsync(
                async token => await store.TryBeginSubmissionAsync(next, leases.Get(next.Id), limits, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                events.Publish(new JobEvent(stored.Id, JobEventKind.Queued, JobState.Submitting, stored.UpdatedAt, "submitting"));
                metrics.JobEntered(stored.ModelId, JobState.Submitting);
            }

            return stored;
        }
        catch (JobConcurrencyException)
        {
            throw new JobSupersededException(await store.FindAsync(next.Id, cancellationToken).ConfigureAwait(false) ?? next, JobState.Submitting);
        }
        catch (JobLeaseLostException)
        {
            leases.Lose(next.Id);
            throw;
        }
    }

    /// <summary>Ends a job as failed and settles its reservation to <paramref name="chargedUsd"/> (what we believe was billed).</summary>
    public Task<JobRecord> FailAsync(JobRecord job, string code, string message, decimal chargedUsd, CancellationToken cancellationToken) =>
        TransitionAsync(job, JobState.Failed, j => j with { Error = new JobError(code, message), FinalCostUsd = chargedUsd, CostSource = "estimated" },
            JobEventKind.Failed, message, cancellationToken, settleUsd: chargedUsd);

    private async Task<JobRecord> WriteAsync(JobRecord next, decimal? settleUsd, JobState attempted, CancellationToken cancellationToken)
    {
        if (Options.ChargeLookupInterval is not null)
        {
            // Every write passes here, so a job that ends after the provider accepted it (however it ends) gets its
            // charge lookup in the same write that ends it.
            next = Charges.ChargeLookup.ScheduleFirst(next, time.GetUtcNow(), Options.ChargeLookupSchedule);
        }

        bool retried = false;
        try
        {
            return await StoreRetry(next.Id, () => retried = true).ExecuteAsync(
                async token => await store.UpdateAsync(next, leases.Get(next.Id), settleUsd, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (JobConcurrencyException)
        {
            JobRecord current = await store.FindAsync(next.Id, cancellationToken).ConfigureAwait(false) ?? next;
            if (retried && current.Version == next.Version + 1 && current.State == next.State && current.UpdatedAt == next.UpdatedAt)
            {
                return current; // the try whose answer was lost had stored it
            }

            throw new JobSupersededException(current, attempted);
        }
        catch (JobLeaseLostException)
        {
            leases.Lose(next.Id);
            throw;
        }
    }

    // A store that is full or briefly unavailable is waited out while this process still holds the job; once the
    // lease keeper gives the lease up (renewals failing too), the error surfaces and a takeover resumes the job
    // from its stored state when the store works again.
    private ResiliencePipeline StoreRetry(string jobId, Action onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(StorageFailure.IsTransient(args.Outcome.Exception) && leases.IsHeld(jobId)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = Options.LeaseRenewInterval,
                MaxRetryAttempts = 30,
                OnRetry = args =>
                {
                    onRetry();
                    logger.LogWarning("Job {Job}: the job store refused a write ({Reason}); trying again in {Delay}", jobId, args.Outcome.Exception!.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}

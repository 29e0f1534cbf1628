using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Jobs;

/// <summary>What every job step needs: store, provider, clock, events, options. Also the one place state changes are written and announced.</summary>
public sealed class JobContext(IJobStore store, IWaveSpeedClient provider, TimeProvider time, JobEventHub events, IOptions<JobOptions> options, IOptions<WaveSpeedOptions> providerOptions, ILogger<JobContext> logger)
{
    /// <summary>The store.</summary>
    public IJobStore Store => store;

    /// <summary>The provider client.</summary>
    public IWaveSpeedClient Provider => provider;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary>The event hub.</summary>
    public JobEventHub Events => events;

    /// <summary>Job options.</summary>
    public JobOptions Options => options.Value;

    /// <summary>Identifies the provider endpoint jobs are sent to (its base URL).</summary>
    public string ProviderName => providerOptions.Value.BaseUrl.ToString().TrimEnd('/');

    /// <summary>The logger.</summary>
    public ILogger Logger => logger;

    /// <summary>Moves a job to a new state, stores it, and publishes the matching event.</summary>
    public async Task<JobRecord> TransitionAsync(JobRecord job, JobState state, Func<JobRecord, JobRecord>? change, JobEventKind kind, string? message, CancellationToken cancellationToken)
    {
        JobRecord next = job.MoveTo(state, time.GetUtcNow());
        next = change?.Invoke(next) ?? next;
        JobRecord stored = await store.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
        events.Publish(new JobEvent(stored.Id, kind, state, stored.UpdatedAt, message));
        logger.LogInformation("Job {Job} ({Model}) is {State}{Detail}", stored.Id, stored.ModelId, state, message is null ? string.Empty : ": " + message);
        return stored;
    }

    /// <summary>Ends a job as failed and settles its reservation to <paramref name="chargedUsd"/> (what we believe was billed).</summary>
    public async Task<JobRecord> FailAsync(JobRecord job, string code, string message, decimal chargedUsd, CancellationToken cancellationToken)
    {
        // Settle first: whoever sees the Failed event also sees the budget released.
        await store.SettleAsync(job.Id, chargedUsd, cancellationToken).ConfigureAwait(false);
        return await TransitionAsync(job, JobState.Failed, j => j with { Error = new JobError(code, message), FinalCostUsd = chargedUsd, CostSource = "estimated" },
            JobEventKind.Failed, message, cancellationToken).ConfigureAwait(false);
    }
}

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

    /// <summary>
    /// Moves a job to a new state, stores it, settles its reservation when <paramref name="settleUsd"/> is given, and
    /// publishes the matching event. Only the writer whose change is stored settles, so a lost race never
    /// overwrites the winner's cost.
    /// </summary>
    /// <exception cref="JobSupersededException">Someone else changed the job since <paramref name="job"/> was read.</exception>
    public async Task<JobRecord> TransitionAsync(JobRecord job, JobState state, Func<JobRecord, JobRecord>? change, JobEventKind kind, string? message, CancellationToken cancellationToken, decimal? settleUsd = null)
    {
        JobRecord next = job.MoveTo(state, time.GetUtcNow());
        next = change?.Invoke(next) ?? next;
        JobRecord stored;
        try
        {
            stored = await store.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
        }
        catch (JobConcurrencyException)
        {
            JobRecord current = await store.GetAsync(job.Id, job.Owner, cancellationToken).ConfigureAwait(false) ?? job;
            throw new JobSupersededException(current, state);
        }

        if (settleUsd is decimal settled)
        {
            // Before the event: whoever sees a terminal event also sees the budget settled.
            await store.SettleAsync(job.Id, settled, cancellationToken).ConfigureAwait(false);
        }

        events.Publish(new JobEvent(stored.Id, kind, state, stored.UpdatedAt, message));
        logger.LogInformation("Job {Job} ({Model}) is {State}{Detail}", stored.Id, stored.ModelId, state, message is null ? string.Empty : ": " + message);
        return stored;
    }

    /// <summary>Ends a job as failed and settles its reservation to <paramref name="chargedUsd"/> (what we believe was billed).</summary>
    public Task<JobRecord> FailAsync(JobRecord job, string code, string message, decimal chargedUsd, CancellationToken cancellationToken) =>
        TransitionAsync(job, JobState.Failed, j => j with { Error = new JobError(code, message), FinalCostUsd = chargedUsd, CostSource = "estimated" },
            JobEventKind.Failed, message, cancellationToken, settleUsd: chargedUsd);
}

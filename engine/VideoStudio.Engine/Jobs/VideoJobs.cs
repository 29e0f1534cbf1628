using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The <see cref="IVideoJobs"/> facade: each call goes to the one component that owns it
/// (<see cref="JobIntake"/>, <see cref="JobWatcher"/>, <see cref="JobResumer"/>, <see cref="JobWebhooks"/>).
/// </summary>
public sealed class VideoJobs(JobContext context, JobIntake intake, JobWatcher watcher, JobResumer resumer, JobWebhooks webhooks, PollScheduler scheduler) : IVideoJobs
{
    /// <inheritdoc />
    public Task<JobRecord> SubmitAsync(VideoRequest request, string? outputPath = null, CancellationToken cancellationToken = default) =>
        intake.SubmitAsync(request, outputPath, cancellationToken);

    /// <inheritdoc />
    public async Task<JobRecord> WaitAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        await foreach (JobEvent _ in WatchAsync(jobId, owner, cancellationToken).ConfigureAwait(false))
        {
        }

        return await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId}.");
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JobEvent> WatchAsync(string jobId, string owner, CancellationToken cancellationToken = default) => watcher.WatchAsync(jobId, owner, cancellationToken);

    /// <inheritdoc />
    public Task<JobRecord?> GetAsync(string jobId, string owner, CancellationToken cancellationToken = default) => context.Store.GetAsync(jobId, owner, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state = null, int limit = 100, CancellationToken cancellationToken = default) =>
        context.Store.ListAsync(owner, state, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<JobRecord> CancelAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        JobRecord job = await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
        while (!job.IsTerminal)
        {
            scheduler.Untrack(job.Id);
            (string note, decimal charged) = CancelTerms(job);
            try
            {
                return await context.TransitionAsync(job, JobState.Cancelled, j => j with { Error = new JobError("cancelled", note), FinalCostUsd = charged, CostSource = "estimated" },
                    JobEventKind.Cancelled, note, cancellationToken, settleUsd: charged).ConfigureAwait(false);
            }
            catch (JobSupersededException ex)
            {
                job = ex.Current; // a step of the job moved it first: decide again on where it is now
            }
        }

        return job;
    }

    // What a cancel means for the money depends on how far the job got: a task the provider may have accepted stays charged.
    private static (string Note, decimal ChargedUsd) CancelTerms(JobRecord job) => job switch
    {
        { PredictionId: string prediction } =>
            ($"Stopped watching prediction {prediction}; the provider has no cancel call, so the task may still run and be billed.", job.EstimateUsd ?? 0m),
        { State: JobState.Submitting } =>
            ("Cancelled while its submission was being sent: if the provider accepted it, its prediction id is recorded on this job when the answer arrives, and it may be billed.", job.EstimateUsd ?? 0m),
        _ => ("Cancelled before submission: nothing was charged.", 0m),
    };

    /// <inheritdoc />
    public Task<int> ResumeAsync(CancellationToken cancellationToken = default) => resumer.ResumeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<SpendReport> GetSpendAsync(string owner, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        SpendSummary today = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        SpendSummary month = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        return new SpendReport(owner, today, month, context.Options.DailyCapUsd, context.Options.MonthlyCapUsd);
    }

    /// <inheritdoc />
    public Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, CancellationToken cancellationToken = default) =>
        webhooks.HandleAsync(headers, rawBody, cancellationToken);
}

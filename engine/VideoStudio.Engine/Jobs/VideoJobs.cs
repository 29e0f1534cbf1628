using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Jobs;

/// <summary>The <see cref="IVideoJobs"/> implementation: accept (validate, price, budget, store) → run in the background → watch.</summary>
public sealed class VideoJobs(
    IVideoStudio studio, JobContext context, JobRunner runner, PollScheduler scheduler, JobReconciler reconciler, JobCompletion completion,
    SubmissionGate gate, WaveSpeedWebhookVerifier verifier) : IVideoJobs, IAsyncDisposable
{
    private readonly CancellationTokenSource shutdown = new();
    private readonly ConcurrentDictionary<string, Task> running = new();

    /// <inheritdoc />
    public async Task<JobRecord> SubmitAsync(VideoRequest request, string? outputPath = null, CancellationToken cancellationToken = default)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        ModelDefinition model = catalog.Registry.Find(request.ModelId);
        PluginInfo plugin = catalog.PluginOf(model);
        if (plugin.Status != PluginStatus.Active)
        {
            throw new JobRejectedException($"{model.Id} cannot run: its plugin '{plugin.Id}' is {plugin.Status}. {plugin.Reason}", []);
        }

        EstimateReport report = await studio.EstimateAsync(model.Id, request.Input, request.MediaDurationHints, cancellationToken).ConfigureAwait(false);
        if (!report.Validation.Valid)
        {
            throw new JobRejectedException($"The input is not valid for {model.Id}: {string.Join(" ", report.Validation.Errors.Select(e => e.Message))}", report.Validation.Errors);
        }

        PriceEstimate estimate = report.Estimate!;
        decimal? hold = estimate.HoldUsd;
        bool budgeted = request.MaxCostUsd is not null || context.Options.DailyCapUsd is not null || context.Options.MonthlyCapUsd is not null;
        if (hold is null && budgeted)
        {
            // An unconfirmed price may be budgeted only against the provider's own live quote.
            hold = await TryQuoteAsync(model.Id, report.Validation.NormalizedInput, cancellationToken).ConfigureAwait(false)
                ?? throw new JobRejectedException($"The price of this {model.Id} request is unknown ({estimate.UnknownReason}) and no live quote was available, so it cannot be held against a budget. Remove --max-cost / the caps to run it anyway.", []);
        }

        if (request.MaxCostUsd is decimal max && hold > max)
        {
            throw new BudgetExceededException($"This request is estimated at ${hold:0.00##} (held), above --max-cost ${max:0.00##}. Nothing was uploaded or submitted.");
        }

        DateTimeOffset now = context.Time.GetUtcNow();
        var job = new JobRecord
        {
            Id = "job_" + Guid.CreateVersion7(now).ToString("N"),
            Owner = request.Owner,
            ModelId = model.Id,
            PluginVersion = model.PluginVersion,
            Input = Redaction.Input(report.Validation.NormalizedInput),
            MediaSeconds = MediaSeconds(report, request.MediaDurationHints),
            IdempotencyKey = request.IdempotencyKey,
            EstimateUsd = estimate.TotalUsd ?? (hold is not null ? hold : null),
            HoldUsd = hold,
            State = JobState.Queued,
            Provider = context.ProviderName,
            OutputPath = outputPath is null ? null : Path.GetFullPath(outputPath),
            CreatedAt = now,
            UpdatedAt = now,
            Transitions = [new StateTransition(JobState.Queued, now)],
        };
        (JobRecord stored, bool created) = await context.Store.CreateAsync(job, new BudgetCaps(context.Options.DailyCapUsd, context.Options.MonthlyCapUsd, now), cancellationToken).ConfigureAwait(false);
        if (created)
        {
            context.Events.Publish(new JobEvent(stored.Id, JobEventKind.Queued, JobState.Queued, now, model.Id));
            Start(stored, () => runner.RunAsync(stored, model, report.Validation.NormalizedInput, shutdown.Token));
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<JobRecord> WaitAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        await foreach (JobEvent _ in WatchAsync(jobId, owner, cancellationToken).ConfigureAwait(false))
        {
        }

        return await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId}.");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JobEvent> WatchAsync(string jobId, string owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IAsyncEnumerator<JobEvent> live = context.Events.SubscribeAsync(jobId, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            JobRecord job = await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
            JobState last = job.State;
            yield return Snapshot(job);
            if (Settled(job.State))
            {
                yield break;
            }

            // Live events from this process; the store is re-read every second for a job another process is running.
            Task<bool>? next = null;
            while (true)
            {
                next ??= live.MoveNextAsync().AsTask();
                Task tick = Task.Delay(TimeSpan.FromSeconds(1), context.Time, cancellationToken);
                if (await Task.WhenAny(next, tick).ConfigureAwait(false) == next)
                {
                    if (!await next.ConfigureAwait(false))
                    {
                        yield break;
                    }

                    JobEvent e = live.Current;
                    next = null;
                    last = e.State;
                    yield return e;
                    if (Settled(e.State))
                    {
                        yield break;
                    }
                }
                else
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    job = await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? job;
                    if (job.State != last)
                    {
                        last = job.State;
                        yield return Snapshot(job);
                        if (Settled(job.State))
                        {
                            yield break;
                        }
                    }
                }
            }
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await live.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<JobRecord?> GetAsync(string jobId, string owner, CancellationToken cancellationToken = default) => context.Store.GetAsync(jobId, owner, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> ListAsync(string owner, JobState? state = null, int limit = 100, CancellationToken cancellationToken = default) =>
        context.Store.ListAsync(owner, state, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<JobRecord> CancelAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        JobRecord job = await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId} for {owner}.");
        if (job.IsTerminal)
        {
            return job;
        }

        scheduler.Untrack(job.Id);
        string note = job.PredictionId is null
            ? "Cancelled before submission: nothing was charged."
            : $"Stopped watching prediction {job.PredictionId}; the provider has no cancel call, so the task may still run and be billed.";
        await context.Store.SettleAsync(job.Id, job.PredictionId is null ? 0m : job.EstimateUsd ?? 0m, cancellationToken).ConfigureAwait(false);
        return await context.TransitionAsync(job, JobState.Cancelled, j => j with { Error = new JobError("cancelled", note) }, JobEventKind.Cancelled, note, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> ResumeAsync(CancellationToken cancellationToken = default)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        int resumed = 0;
        foreach (JobRecord job in await context.Store.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (job.Provider != context.ProviderName && context.Options.AbandonJobsOfOtherProviders && job.State != JobState.NeedsDecision)
            {
                await context.FailAsync(job, "provider_gone", $"The provider this job was sent to ({job.Provider}) is no longer running (an earlier embedded simulator session).", 0m, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (job.Provider != context.ProviderName || job.State == JobState.NeedsDecision || running.ContainsKey(job.Id) || catalog.Registry.TryFind(job.ModelId) is not { } model)
            {
                continue;
            }

            resumed++;
            switch (job.State)
            {
                case JobState.Queued or JobState.Uploading when Redaction.WasRedacted(job.Input):
                    Start(job, () => context.FailAsync(job, "cannot_resume", "The job stopped before submission and its input held a signed URL, which is never stored; submit it again.", 0m, shutdown.Token));
                    break;
                case JobState.Queued or JobState.Uploading:
                    Start(job, () => runner.RunAsync(job, model, job.Input, shutdown.Token));
                    break;
                case JobState.Submitting:
                    Start(job, async () =>
                    {
                        IDisposable lease = gate.Resume();
                        if (!await reconciler.ReconcileAsync(job, lease, shutdown.Token).ConfigureAwait(false))
                        {
                            lease.Dispose();
                        }
                    });
                    break;
                case JobState.Processing:
                    scheduler.Track(job, gate.Resume());
                    break;
                case JobState.Downloading:
                    Start(job, () => ResumeDownloadAsync(job));
                    break;
            }
        }

        return resumed;
    }

    /// <inheritdoc />
    public async Task<SpendReport> GetSpendAsync(string owner, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        SpendSummary today = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        SpendSummary month = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        return new SpendReport(owner, today, month, context.Options.DailyCapUsd, context.Options.MonthlyCapUsd);
    }

    /// <inheritdoc />
    public async Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, CancellationToken cancellationToken = default)
    {
        string? secret = context.Options.WebhookSecret;
        if (secret is null)
        {
            context.Logger.LogWarning("Webhook rejected: no webhook secret is configured (VideoStudio:Jobs:WebhookSecret)");
            return WebhookOutcome.Rejected;
        }

        WebhookVerificationResult result = verifier.Verify(Header(headers, "webhook-id"), Header(headers, "webhook-timestamp"), Header(headers, "webhook-signature"), rawBody, secret);
        if (!result.IsValid || WaveSpeedWebhookPayload.TryParse(rawBody) is not PredictionSnapshot snapshot)
        {
            context.Logger.LogWarning("Webhook rejected: {Reason}", result.IsValid ? "unreadable payload" : result.Reason);
            return WebhookOutcome.Rejected;
        }

        if (await context.Store.FindByPredictionAsync(snapshot.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            return WebhookOutcome.UnknownPrediction;
        }

        await scheduler.OnResultAsync(snapshot).ConfigureAwait(false);
        return WebhookOutcome.Accepted;
    }

    private async Task ResumeDownloadAsync(JobRecord job)
    {
        PredictionSnapshot snapshot = await context.Provider.GetResultAsync(job.PredictionId!, shutdown.Token).ConfigureAwait(false);
        await completion.CompleteAsync(job, snapshot, shutdown.Token).ConfigureAwait(false);
    }

    private void Start(JobRecord job, Func<Task> work)
    {
        running[job.Id] = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                // The host is stopping: the stored state is where the next start resumes.
            }
            catch (Exception ex)
            {
                context.Logger.LogError(ex, "Job {Job} stopped unexpectedly", job.Id);
                JobRecord? current = await context.Store.GetAsync(job.Id, job.Owner, CancellationToken.None).ConfigureAwait(false);
                if (current is { IsTerminal: false, State: not JobState.Submitting })
                {
                    await context.FailAsync(current, "internal_error", $"The job stopped unexpectedly ({ex.GetType().Name}: {ex.Message}).", current.PredictionId is null ? 0m : current.EstimateUsd ?? 0m, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                running.TryRemove(job.Id, out _);
            }
        });
    }

    private async Task<decimal?> TryQuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Provider.QuoteAsync(modelId, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WaveSpeedException or HttpRequestException)
        {
            context.Logger.LogWarning("Live quote for {Model} unavailable: {Reason}", modelId, ex.Message);
            return null;
        }
    }

    private static Dictionary<string, double> MediaSeconds(EstimateReport report, IReadOnlyDictionary<string, double>? hints)
    {
        var seconds = new Dictionary<string, double>(hints ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        foreach ((string field, MediaInfo info) in report.Validation.Media)
        {
            if (info.DurationSeconds is double d)
            {
                seconds[field] = d;
            }
        }

        return seconds;
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool Settled(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled or JobState.NeedsDecision;

    private static JobEvent Snapshot(JobRecord job) => new(job.Id, job.State switch
    {
        JobState.Queued or JobState.Submitting => JobEventKind.Queued,
        JobState.Uploading => JobEventKind.Uploading,
        JobState.Processing => JobEventKind.Processing,
        JobState.Downloading => JobEventKind.Downloading,
        JobState.Completed => JobEventKind.Completed,
        JobState.Cancelled => JobEventKind.Cancelled,
        JobState.NeedsDecision => JobEventKind.NeedsDecision,
        _ => JobEventKind.Failed,
    }, job.State, job.UpdatedAt, job.Error?.Message ?? (job.Outputs.Count > 0 ? job.Outputs[0].LocalPath : null));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        shutdown.Dispose();
    }
}

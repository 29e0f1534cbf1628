using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Jobs.Charges;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// The <see cref="IVideoJobs"/> facade: each call goes to the one component that owns it
/// (<see cref="JobIntake"/>, <see cref="JobWatcher"/>, <see cref="JobExecutor"/>, <see cref="JobCancellation"/>, <see cref="JobWebhooks"/>).
/// Resolving it starts nothing: jobs run while <see cref="JobsWorker"/> does.
/// </summary>
internal sealed class VideoJobs(JobContext context, JobIntake intake, JobWatcher watcher, JobExecutor executor, JobsWorker worker, JobWebhooks webhooks, JobCancellation cancellation,
    ChargeCollector charges, WebhookDispatcher webhooksOut, PluginCatalogHolder catalogs, JobOutputMedia outputMedia) : IVideoJobs
{
    /// <inheritdoc />
    public async Task<JobView> SubmitAsync(VideoRequest request, string? outputPath = null, CancellationToken cancellationToken = default) =>
        JobView.From(await intake.SubmitAsync(request, outputPath, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<JobView> WaitAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        await foreach (JobEvent _ in WatchAsync(jobId, owner, cancellationToken).ConfigureAwait(false))
        {
        }

        return await GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No job {jobId}.");
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JobEvent> WatchAsync(string jobId, string owner, CancellationToken cancellationToken = default) => watcher.WatchAsync(jobId, owner, cancellationToken);

    /// <inheritdoc />
    public async Task<JobView?> GetAsync(string jobId, string owner, CancellationToken cancellationToken = default) =>
        await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) is JobRecord job ? JobView.From(job) : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobView>> ListAsync(string owner, JobState? state = null, int limit = 100, CancellationToken cancellationToken = default) =>
        [.. (await context.Store.ListAsync(owner, state, limit, cancellationToken).ConfigureAwait(false)).Select(JobView.From)];

    /// <inheritdoc />
    public async Task<JobView> CancelAsync(string jobId, string owner, CancellationToken cancellationToken = default) =>
        JobView.From(await cancellation.CancelAsync(jobId, owner, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<int> ResumeAsync(CancellationToken cancellationToken = default) => executor.ClaimAsync(int.MaxValue, null, cancellationToken);

    /// <inheritdoc />
    public async Task<int> ResumeAsync(int limit, CancellationToken cancellationToken = default) =>
        limit > executor.Count ? await executor.ClaimAsync(limit - executor.Count, null, cancellationToken).ConfigureAwait(false) : 0;

    /// <inheritdoc />
    public Task RunAsync(int resumeLimit = int.MaxValue, CancellationToken cancellationToken = default) => worker.RunAsync(resumeLimit, cancellationToken);

    /// <inheritdoc />
    public async Task<SpendReport> GetSpendAsync(string owner, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = context.Time.GetUtcNow();
        SpendSummary today = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        SpendSummary month = await context.Store.GetSpendAsync(owner, new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        DateTimeOffset monthStart = new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<JobRecord> charged = await context.Store.ListChargedAsync(owner, monthStart, cancellationToken).ConfigureAwait(false);
        PluginCatalog catalog = await catalogs.GetAsync(cancellationToken).ConfigureAwait(false);
        ChargeReport report = ChargeReportBuilder.Build(charged, monthStart, context.Options.ChargeDriftThresholdPercent, modelId => RuleFile(catalog, modelId));
        return new SpendReport(owner, today, month, context.Options.DailyCapUsd, context.Options.MonthlyCapUsd, report);
    }

    /// <inheritdoc />
    public Task<int> CollectChargesAsync(CancellationToken cancellationToken = default) => charges.CollectDueAsync(cancellationToken);

    /// <inheritdoc />
    public Task<int> DeliverWebhooksAsync(CancellationToken cancellationToken = default) => webhooksOut.DeliverDueAsync(cancellationToken);

    /// <inheritdoc />
    public Task<JobChain?> GetChainAsync(string jobId, string owner, CancellationToken cancellationToken = default) =>
        JobChains.ReadAsync(context.Store, jobId, owner, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<NextStep>?> GetNextStepsAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        if (await context.Store.GetAsync(jobId, owner, cancellationToken).ConfigureAwait(false) is not JobRecord job)
        {
            return null;
        }

        return NextSteps.For(job, await catalogs.GetAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<JobMediaResolution> ResolveJobMediaAsync(string owner, IEnumerable<string> modelIds, System.Text.Json.Nodes.JsonObject input, CancellationToken cancellationToken = default) =>
        outputMedia.ResolveAsync(owner, modelIds, input, cancellationToken);

    private static string? RuleFile(PluginCatalog catalog, string modelId) =>
        catalog.Registry.TryFind(modelId) is { PricingFile: string file } model && model.Id == modelId
            ? Path.Combine(catalog.PluginOf(model).Directory, file)
            : null;

    /// <inheritdoc />
    public Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, CancellationToken cancellationToken = default) =>
        webhooks.HandleAsync(headers, rawBody, null, cancellationToken);

    /// <inheritdoc />
    public Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, string? jobId, CancellationToken cancellationToken = default) =>
        webhooks.HandleAsync(headers, rawBody, jobId, cancellationToken);
}

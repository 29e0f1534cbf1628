using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// Running models for real: durable jobs with budgets, progress, cancellation, resume and webhooks. Jobs come back as
/// <see cref="JobView"/>, the shape the API and the CLI answer with, never as the stored record.
/// </summary>
public interface IVideoJobs
{
    /// <summary>
    /// Validates and prices the request, checks the per-job cap and the owner's spend caps, stores the job and starts
    /// it. Returns the job (Queued), or the owner's existing job with the same idempotency key.
    /// </summary>
    /// <exception cref="Catalog.UnknownModelException">Unknown model.</exception>
    /// <exception cref="JobRejectedException">Invalid input, model not runnable, or price unknown where a budget needs it.</exception>
    /// <exception cref="BudgetExceededException">Over <see cref="VideoRequest.MaxCostUsd"/> or a spend cap.</exception>
    Task<JobView> SubmitAsync(VideoRequest request, string? outputPath = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the job is terminal or needs a decision.</summary>
    Task<JobView> WaitAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>The job's progress events until it is terminal (works across processes by also watching the store).</summary>
    IAsyncEnumerable<JobEvent> WatchAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Reads one of the owner's jobs.</summary>
    Task<JobView?> GetAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Lists the owner's jobs, newest first.</summary>
    Task<IReadOnlyList<JobView>> ListAsync(string owner, JobState? state = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a job, wherever it runs (another process holding it is asked through the store and answers within
    /// about a second): stops it before submission, or stops watching it (a task already at the provider still runs
    /// and may be billed, so its estimate stays charged). A cancel landing while the POST is in flight waits for its
    /// answer: accepted, the prediction id is recorded and the estimate stays charged; refused, nothing is charged. A
    /// finished job is returned unchanged.
    /// </summary>
    Task<JobView> CancelAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs this process's job worker (job steps, lease renewal, signals, charge lookups, outgoing webhooks) until
    /// <paramref name="cancellationToken"/> fires, then stops it cleanly: running steps put their state down and every
    /// lease is given back. Nothing runs before: a host runs the worker as the hosted service
    /// <c>AddVideoStudio</c> registers; a process without a host (the CLI) calls this for as long as jobs should run.
    /// </summary>
    /// <param name="resumeLimit">How many unfinished jobs no live worker holds it claims when it starts (several resuming processes share the work).</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <exception cref="InvalidOperationException">The worker already runs in this process.</exception>
    Task RunAsync(int resumeLimit = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims every unfinished job sent to the current provider that no live worker holds, and makes each due now
    /// (the worker carries them on); returns how many were claimed. Jobs another process holds are left to it.
    /// </summary>
    Task<int> ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="ResumeAsync(CancellationToken)"/>, claiming only until this process holds <paramref name="limit"/>
    /// jobs, so several resuming processes share the work.
    /// </summary>
    Task<int> ResumeAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The owner's spend today and this month, with this month's estimates against the provider's charges per model.</summary>
    Task<SpendReport> GetSpendAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks up now the provider's charges that are due (finished jobs of any owner, each claimed so that one process
    /// asks); returns how many were looked up. A long-running host does this every
    /// <see cref="JobOptions.ChargeLookupInterval"/> by itself.
    /// </summary>
    Task<int> CollectChargesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends now the outgoing webhook deliveries that are due (any owner's, each claimed so that one process sends
    /// it); returns how many were attempted. A running worker does this by itself.
    /// </summary>
    Task<int> DeliverWebhooksAsync(CancellationToken cancellationToken = default);

    /// <summary>The owner's job and the jobs whose outputs fed it, oldest first, with their total cost.</summary>
    /// <returns>Null when the owner has no such job.</returns>
    Task<Chaining.JobChain?> GetChainAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>The installed models that can take the owner's finished job's output (<c>job:&lt;id&gt;</c> in one of their media fields).</summary>
    /// <returns>Null when the owner has no such job; empty until it has completed with an output.</returns>
    Task<IReadOnlyList<Chaining.NextStep>?> GetNextStepsAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves <c>job:&lt;id&gt;</c> media values (the owner's finished jobs) in the media fields of the given models to
    /// the stored output files, for validating or pricing such an input before submitting it.
    /// </summary>
    Task<Chaining.JobMediaResolution> ResolveJobMediaAsync(string owner, IEnumerable<string> modelIds, System.Text.Json.Nodes.JsonObject input, CancellationToken cancellationToken = default);

    /// <summary>Handles a provider webhook: verifies its signature, then makes the job due now, so its result is read at once (polling stays as fallback).</summary>
    Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, CancellationToken cancellationToken = default);

    /// <summary>
    /// Handles a provider webhook delivered to the URL registered for job <paramref name="jobId"/> (its <c>?job=</c>,
    /// <see cref="ProviderWebhookUrl"/>): as above, and refused (<see cref="WebhookOutcome.JobMismatch"/>) when the task
    /// belongs to another job; a task no job holds yet wakes the named job if it is still reconciling its submission.
    /// </summary>
    Task<WebhookOutcome> HandleWebhookAsync(IReadOnlyDictionary<string, string> headers, string rawBody, string? jobId, CancellationToken cancellationToken = default);
}

/// <summary>Spend of one owner, and this month's estimates against the provider's charges.</summary>
public sealed record SpendReport(string Owner, SpendSummary Today, SpendSummary ThisMonth, decimal? DailyCapUsd, decimal? MonthlyCapUsd, Charges.ChargeReport Charges);

/// <summary>What happened to a webhook delivery.</summary>
public enum WebhookOutcome
{
    /// <summary>Verified and applied to a job.</summary>
    Accepted,

    /// <summary>Verified, but no job has that prediction id.</summary>
    UnknownPrediction,

    /// <summary>Signature, headers or timestamp wrong: rejected.</summary>
    Rejected,

    /// <summary>Verified, but a delivery with the same <c>webhook-id</c> was already received (a replay or a redelivery): acknowledged, nothing done.</summary>
    Duplicate,

    /// <summary>Verified, but the job its URL names (<c>?job=</c>) is not the job holding the task: refused, nothing done.</summary>
    JobMismatch,
}

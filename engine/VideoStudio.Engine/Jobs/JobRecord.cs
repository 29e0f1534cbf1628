using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// Everything known about one job: what was asked, what it is estimated to cost, where it stands, and what it
/// produced. Stored before anything is paid for; secrets and signed-URL tokens are redacted from it.
/// </summary>
internal sealed record JobRecord
{
    /// <summary>Job id (not the provider's prediction id).</summary>
    public required string Id { get; init; }

    /// <summary>Who the job belongs to.</summary>
    public required string Owner { get; init; }

    /// <summary>The model's exact id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Version of the plugin that validated and priced it.</summary>
    public required string PluginVersion { get; init; }

    /// <summary>The normalised input as validated (local paths as given, redacted).</summary>
    public required JsonObject Input { get; init; }

    /// <summary>The input as sent to the provider (media replaced by uploaded URLs, redacted); null before upload.</summary>
    public JsonObject? ProviderInput { get; init; }

    /// <summary>SHA-256 of model + provider input, used to find the task in the provider's history.</summary>
    public string? InputFingerprint { get; init; }

    /// <summary>Durations (s) of the input media, probed or hinted when the job was accepted.</summary>
    public IReadOnlyDictionary<string, double>? MediaSeconds { get; init; }

    /// <summary>Caller's idempotency key.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The estimate (decimal USD) when it was accepted; null when unknown.</summary>
    public decimal? EstimateUsd { get; init; }

    /// <summary>Where <see cref="EstimateUsd"/> comes from: <c>pricing-rule</c> or <c>live-quote</c>; null when unknown.</summary>
    public string? EstimateSource { get; init; }

    /// <summary>What was reserved against budgets.</summary>
    public decimal? HoldUsd { get; init; }

    /// <summary>Where the job stands.</summary>
    public required JobState State { get; init; }

    /// <summary>The provider's prediction id, stored the moment it is known.</summary>
    public string? PredictionId { get; init; }

    /// <summary>Base URL of the provider the job was sent to (jobs resume only against the same provider).</summary>
    public required string Provider { get; init; }

    /// <summary>The provider adapter that runs the job (its model's provider, e.g. <c>wavespeed</c> or <c>local</c>); null on records written before models named one.</summary>
    public string? RunBy { get; init; }

    /// <summary>POST attempts made (at most one that may have reached the server).</summary>
    public int SubmitAttempts { get; init; }

    /// <summary>Timestamp of every state change.</summary>
    public IReadOnlyList<StateTransition> Transitions { get; init; } = [];

    /// <summary>Downloaded (or downloadable) outputs.</summary>
    public IReadOnlyList<JobOutput> Outputs { get; init; } = [];

    /// <summary>Why the job failed or needs a decision.</summary>
    public JobError? Error { get; init; }

    /// <summary>Final cost in USD once settled.</summary>
    public decimal? FinalCostUsd { get; init; }

    /// <summary>Where the final cost comes from: <c>estimated</c> or <c>provider</c>.</summary>
    public string? CostSource { get; init; }

    /// <summary>Estimate beside the provider's charge, once the job has ended after the provider accepted it; null otherwise.</summary>
    public JobCharge? Charge { get; init; }

    /// <summary>The finished jobs whose outputs are this job's media inputs (<c>"video": "job:&lt;id&gt;"</c>), by field.</summary>
    public IReadOnlyList<JobLink> Parents { get; init; } = [];

    /// <summary>Where the caller wants the first output written; null for the data directory.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Where this job's state changes are posted, redacted as every stored URL is; null: the owner's default endpoint, if any.</summary>
    public string? Webhook { get; init; }

    /// <summary>
    /// The job's webhook URL in full (its query may hold the receiver's token). The store keeps it in a column of its
    /// own, never in the record, an answer or a log; null on a record read back.
    /// </summary>
    [JsonIgnore]
    public string? WebhookTarget { get; init; }

    /// <summary>When the job must be terminal; polling stops then.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Optimistic-concurrency version, bumped by every store write.</summary>
    public long Version { get; init; }

    /// <summary>True for <see cref="JobState.Completed"/>, <see cref="JobState.Failed"/> and <see cref="JobState.Cancelled"/>.</summary>
    public bool IsTerminal => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>Returns a copy moved to <paramref name="state"/> at <paramref name="at"/>.</summary>
    public JobRecord MoveTo(JobState state, DateTimeOffset at) =>
        this with { State = state, UpdatedAt = at, Transitions = [.. Transitions, new StateTransition(state, at)] };
}

/// <summary>A state change.</summary>
public sealed record StateTransition(JobState State, DateTimeOffset At);

/// <summary>
/// One output: the provider URL (redacted), the local file once downloaded (its extension the output's format), and
/// its MIME type (null on records written before it was kept); for a model that returns text, the text itself
/// (<see cref="Text"/>, also kept as the .txt file; no URL).
/// </summary>
public sealed record JobOutput(string RemoteUrl, string? LocalPath, long? SizeBytes, string? Sha256, string? ContentType = null, string? Text = null);

/// <summary>A media field filled with another job's output.</summary>
/// <param name="Field">The media field (as a JSON pointer without the slash, e.g. <c>video</c>).</param>
/// <param name="JobId">The job whose output it is.</param>
public sealed record JobLink(string Field, string JobId);

/// <summary>A job error: a stable code and a message a person can act on (no secrets).</summary>
public sealed record JobError(string Code, string Message);

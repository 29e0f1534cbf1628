using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// A job as its owner sees it: the answer of the <c>/v1/jobs</c> routes, <c>jobs list|show --json</c>, what
/// <see cref="Facade.IVideoJobs"/> returns, and the <c>data</c> of every outgoing webhook. What the store keeps for its own
/// work (the input as sent to the provider, its fingerprint, the provider's address, submit attempts, the write
/// version) is not part of it, so the stored record can change without changing this.
/// </summary>
public sealed record JobView
{
    /// <summary>Job id (not the provider's prediction id).</summary>
    public required string Id { get; init; }

    /// <summary>Who the job belongs to.</summary>
    public required string Owner { get; init; }

    /// <summary>The model's exact id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Version of the plugin that validated and priced it.</summary>
    public required string PluginVersion { get; init; }

    /// <summary>The provider that runs it (e.g. <c>wavespeed</c>, or <c>local</c> for free operations on this machine); null on older jobs.</summary>
    public string? RunBy { get; init; }

    /// <summary>The normalised input as validated (local paths as given, URL secrets redacted).</summary>
    public required JsonObject Input { get; init; }

    /// <summary>Durations (s) of the input media, probed or hinted when the job was accepted.</summary>
    public IReadOnlyDictionary<string, double>? MediaSeconds { get; init; }

    /// <summary>The caller's idempotency key.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The estimate (decimal USD) when it was accepted; null when unknown.</summary>
    public decimal? EstimateUsd { get; init; }

    /// <summary>Where <see cref="EstimateUsd"/> comes from: <c>pricing-rule</c> or <c>live-quote</c>; null when unknown.</summary>
    public string? EstimateSource { get; init; }

    /// <summary>What is reserved against budgets while it runs.</summary>
    public decimal? HoldUsd { get; init; }

    /// <summary>Where the job stands.</summary>
    public required JobState State { get; init; }

    /// <summary>The provider's prediction id, once known.</summary>
    public string? PredictionId { get; init; }

    /// <summary>The time of every state change, oldest first.</summary>
    public required IReadOnlyList<StateTransition> Transitions { get; init; }

    /// <summary>Downloaded (or downloadable) outputs.</summary>
    public required IReadOnlyList<JobOutput> Outputs { get; init; }

    /// <summary>Why the job failed, waits or needs a decision (<see cref="ErrorCodes"/>); null when nothing is wrong.</summary>
    public JobError? Error { get; init; }

    /// <summary>Final cost in USD once settled.</summary>
    public decimal? FinalCostUsd { get; init; }

    /// <summary>Where the final cost comes from: <c>estimated</c> or <c>provider-billing</c>.</summary>
    public string? CostSource { get; init; }

    /// <summary>The estimate beside the provider's charge, once the job has ended after the provider accepted it.</summary>
    public JobCharge? Charge { get; init; }

    /// <summary>The finished jobs whose outputs are this job's media inputs (<c>job:&lt;id&gt;</c>), by field.</summary>
    public required IReadOnlyList<JobLink> Parents { get; init; }

    /// <summary>Where the caller asked for the first output to be written; null for the data directory.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Where this job's state changes are posted (redacted); null: the owner's default endpoint, if any.</summary>
    public string? Webhook { get; init; }

    /// <summary>When the job must be terminal; polling stops then.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True for completed, failed and cancelled.</summary>
    public bool IsTerminal => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>Maps a stored job to what its owner sees.</summary>
    internal static JobView From(JobRecord job) => new()
    {
        Id = job.Id,
        Owner = job.Owner,
        ModelId = job.ModelId,
        PluginVersion = job.PluginVersion,
        RunBy = job.RunBy,
        Input = job.Input,
        MediaSeconds = job.MediaSeconds,
        IdempotencyKey = job.IdempotencyKey,
        EstimateUsd = job.EstimateUsd,
        EstimateSource = job.EstimateSource,
        HoldUsd = job.HoldUsd,
        State = job.State,
        PredictionId = job.PredictionId,
        Transitions = job.Transitions,
        Outputs = job.Outputs,
        Error = job.Error,
        FinalCostUsd = job.FinalCostUsd,
        CostSource = job.CostSource,
        Charge = job.Charge,
        Parents = job.Parents,
        OutputPath = job.OutputPath,
        Webhook = job.Webhook,
        Deadline = job.Deadline,
        CreatedAt = job.CreatedAt,
        UpdatedAt = job.UpdatedAt,
    };
}

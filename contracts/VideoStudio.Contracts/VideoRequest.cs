using System.Text.Json.Nodes;

namespace VideoStudio.Contracts;

/// <summary>A request to run one model.</summary>
/// <param name="ModelId">Exact model id or declared alias.</param>
/// <param name="Input">The model's inputs; media fields take a URL or a local file path.</param>
public sealed record VideoRequest(string ModelId, JsonObject Input)
{
    /// <summary>Who the job belongs to; listing and reading are scoped to it.</summary>
    public string Owner { get; init; } = "local";

    /// <summary>A caller key: a second request with the same key returns the first job instead of a new one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Refuse the job before anything is uploaded when its estimate (hold) is above this amount.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Explicit media durations in seconds per field, for media the engine cannot read (e.g. an offline URL).</summary>
    public IReadOnlyDictionary<string, double>? MediaDurationHints { get; init; }

    /// <summary>An http(s) URL to post this job's state changes to (signed, Standard Webhooks); null for the owner's default endpoint, if any.</summary>
    public string? Webhook { get; init; }
}

using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers;

/// <summary>A task as the provider reports it, in the seam's own terms.</summary>
/// <param name="Id">The provider's task id.</param>
/// <param name="Model">Model id.</param>
/// <param name="Status">Normalised status.</param>
/// <param name="RawStatus">The status as the provider sent it (kept for unknown values).</param>
/// <param name="Outputs">Output URLs (filled when completed).</param>
/// <param name="Error">Error text when failed.</param>
/// <param name="ErrorCode">The provider's own error code when it gave one (opaque: shown, and put in the job's <c>provider_&lt;code&gt;</c> error).</param>
/// <param name="CreatedAt">Creation time when given.</param>
/// <param name="Input">The task's input when the provider echoes it (history, webhooks), without the adapter's transport flags.</param>
public sealed record ProviderTask(
    string Id, string Model, ProviderTaskStatus Status, string RawStatus, IReadOnlyList<string> Outputs,
    string? Error, string? ErrorCode, DateTimeOffset? CreatedAt, JsonObject? Input)
{
    /// <summary>What the provider's error code means, when the adapter knows it (a failed task's stable job error code comes from it).</summary>
    public ProviderErrorKind? ErrorKind { get; init; }

    /// <summary>
    /// The webhook URL the task was registered with, when the provider echoes it (the simulator does in history and
    /// webhooks; whether WaveSpeed does is UNCONFIRMED): it names the job the task was submitted for (<c>?job=</c>).
    /// </summary>
    public Uri? Webhook { get; init; }
}

/// <summary>Normalised task status.</summary>
public enum ProviderTaskStatus
{
    /// <summary>Accepted, queued.</summary>
    Created,

    /// <summary>Running.</summary>
    Processing,

    /// <summary>Done; outputs filled.</summary>
    Completed,

    /// <summary>Terminal failure.</summary>
    Failed,

    /// <summary>Terminal: cancelled.</summary>
    Cancelled,

    /// <summary>Terminal: the provider timed it out.</summary>
    TimedOut,

    /// <summary>Terminal: deleted.</summary>
    Deleted,

    /// <summary>A status the adapter does not know: keep polling until the deadline.</summary>
    Unknown,
}

/// <summary>A task-history query.</summary>
/// <param name="Model">Only tasks of this model, when given.</param>
/// <param name="CreatedAfter">Only tasks created after this time, when given.</param>
/// <param name="CreatedBefore">Only tasks created before this time, when given.</param>
/// <param name="PageSize">Tasks per page the adapter asks for.</param>
public sealed record ProviderTaskQuery(string? Model, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore, int PageSize = 100);

/// <summary>One entry of the provider's live model catalogue.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="BasePrice">Base price in USD, when given.</param>
/// <param name="Formula">The provider's price formula text, when given.</param>
/// <param name="RequestSchema">The request JSON Schema, when given.</param>
/// <param name="Name">Display name, when given.</param>
/// <param name="Description">Description, when given (an imported plugin's card stub starts from it).</param>
/// <param name="Type">Category, e.g. <c>text-to-video</c>, when given.</param>
/// <param name="Provenance">
/// Where a simulated catalogue entry's data came from (the simulator's <c>x-videostudio-provenance</c>); null from a real provider,
/// whose live catalogue is first-party.
/// </param>
public sealed record LiveModel(
    string ModelId, decimal? BasePrice, string? Formula, JsonObject? RequestSchema,
    string? Name = null, string? Description = null, string? Type = null, JsonObject? Provenance = null);

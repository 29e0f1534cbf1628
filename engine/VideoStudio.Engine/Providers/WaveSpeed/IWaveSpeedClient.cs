using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The WaveSpeed REST protocol (see shared/reference/wavespeed-api.md), as the job runner needs it.
/// Implementations get their <see cref="HttpClient"/>s from <see cref="IHttpClientFactory"/> and never log the
/// API key or signed URLs.
/// </summary>
public interface IWaveSpeedClient
{
    /// <summary>
    /// POSTs a paid task at most once. Re-sent only when the failure proves the request never reached the server
    /// (connection refused, name resolution).
    /// </summary>
    /// <exception cref="SubmissionOutcomeUnknownException">The response was lost or timed out: a paid task may exist.</exception>
    /// <exception cref="WaveSpeedException">The server answered with an error (typed by <see cref="WaveSpeedErrorKind"/>).</exception>
    Task<PredictionSnapshot> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken);

    /// <summary>GETs a task's result; retries 429/5xx/connection errors with backoff and jitter, honouring a capped Retry-After.</summary>
    /// <exception cref="WaveSpeedException">Not found, auth, or retries exhausted.</exception>
    Task<PredictionSnapshot> GetResultAsync(string predictionId, CancellationToken cancellationToken);

    /// <summary>Prediction history (last 7 days), used to reconcile a submission whose outcome is unknown.</summary>
    Task<IReadOnlyList<PredictionSnapshot>> ListPredictionsAsync(PredictionQuery query, CancellationToken cancellationToken);

    /// <summary>Uploads a local file and returns the URL to pass as a model input.</summary>
    Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken);

    /// <summary>Streams an output to <paramref name="destinationPath"/> (temporary name, then rename), hashing it as it arrives and resuming a broken transfer.</summary>
    /// <returns>The bytes written and their SHA-256.</returns>
    /// <exception cref="VideoStudio.Engine.Common.LocalStorageException">The local disk could not take the file (full, or another I/O error).</exception>
    Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken);

    /// <summary>The account balance in USD.</summary>
    Task<decimal> GetBalanceAsync(CancellationToken cancellationToken);

    /// <summary>The provider's live price quote for an input, or null when it gives none.</summary>
    Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken);

    /// <summary>
    /// What the provider charged for a prediction, from its billing records (<c>POST /api/v3/billings/search</c>,
    /// THIRD-PARTY shape: wavespeed-api.md §21): the sum of its deduct records, or null while no record exists
    /// (not billed yet: ask again later; never read as $0).
    /// </summary>
    /// <exception cref="WaveSpeedException">The records could not be read (auth, retries exhausted, an unreadable or negative price).</exception>
    Task<decimal?> GetChargeAsync(string predictionId, CancellationToken cancellationToken);

    /// <summary>The live model catalogue (<c>GET /api/v3/models</c>): one entry per model.</summary>
    Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken);
}

/// <summary>A task as the provider reports it.</summary>
/// <param name="Id">Prediction id.</param>
/// <param name="Model">Model id.</param>
/// <param name="Status">Normalised status.</param>
/// <param name="RawStatus">The status string as sent (kept for unknown values).</param>
/// <param name="Outputs">Output URLs (filled when completed).</param>
/// <param name="Error">Error text when failed.</param>
/// <param name="ErrorCode">Task error code (envelope or data code) when given.</param>
/// <param name="CreatedAt">Creation time when given.</param>
/// <param name="Input">The task's input when the provider echoes it (history, webhooks).</param>
public sealed record PredictionSnapshot(
    string Id, string Model, PredictionStatus Status, string RawStatus, IReadOnlyList<string> Outputs,
    string? Error, int? ErrorCode, DateTimeOffset? CreatedAt, JsonObject? Input);

/// <summary>Normalised task status.</summary>
public enum PredictionStatus
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

    /// <summary>A status string the client does not know: keep polling until the deadline.</summary>
    Unknown,
}

/// <summary>A prediction-history query.</summary>
public sealed record PredictionQuery(string? Model, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore, int PageSize = 100);

/// <summary>One entry of the live model catalogue.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="BasePrice">Base price in USD, when given.</param>
/// <param name="Formula">The provider's price formula text, when given.</param>
/// <param name="RequestSchema">The request JSON Schema, when given.</param>
public sealed record LiveModel(string ModelId, decimal? BasePrice, string? Formula, JsonObject? RequestSchema);

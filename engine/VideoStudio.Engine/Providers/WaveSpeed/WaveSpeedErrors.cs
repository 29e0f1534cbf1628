namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>What kind of failure the provider reported, and so what a person or the runner can do.</summary>
public enum WaveSpeedErrorKind
{
    /// <summary>401 or 403: bad key, account not topped up, or the key may not use this model.</summary>
    Authentication,

    /// <summary>400 / 1400 / 1401: the request is invalid (our schema may be stale).</summary>
    InvalidRequest,

    /// <summary>1200: blocked by content moderation.</summary>
    Moderation,

    /// <summary>1402: a media URL could not be downloaded by the provider.</summary>
    MediaUnreachable,

    /// <summary>Insufficient balance.</summary>
    InsufficientBalance,

    /// <summary>429 after retries.</summary>
    RateLimited,

    /// <summary>404: unknown prediction.</summary>
    NotFound,

    /// <summary>1403/1405/5000/5003/5004 or 5xx after retries.</summary>
    ProviderFailure,
}

/// <summary>A provider error with a message a person can act on. Never contains the API key or signed URLs.</summary>
public class WaveSpeedException(WaveSpeedErrorKind kind, string message, int? httpStatus = null, int? taskCode = null, Exception? inner = null, bool nothingCreated = false)
    : Exception(message, inner)
{
    /// <summary>
    /// True when the answer proves the request created nothing at the provider (a 429, a 401 or 403, a connection
    /// that was never established): a submission refused this way may be sent again later without risk of paying twice.
    /// </summary>
    public bool NothingCreated { get; } = nothingCreated;

    /// <summary>The failure kind.</summary>
    public WaveSpeedErrorKind Kind { get; } = kind;

    /// <summary>HTTP status, when there was a response.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>Task error code (1200, 1400, …, 5004), when given.</summary>
    public int? TaskCode { get; } = taskCode;
}

/// <summary>
/// A submission whose response was lost (timeout, connection reset after sending): a paid task may exist.
/// It must be reconciled (prediction history), never re-sent blindly.
/// </summary>
public sealed class SubmissionOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);

namespace VideoStudio.Engine.Providers;

/// <summary>A provider error with a message a person can act on. Never contains a key or a signed URL.</summary>
/// <param name="kind">The failure kind.</param>
/// <param name="message">What happened and what to do.</param>
/// <param name="httpStatus">HTTP status, when there was a response.</param>
/// <param name="providerCode">The provider's own error code, when given (opaque).</param>
/// <param name="inner">The underlying exception.</param>
/// <param name="nothingCreated">True when the answer proves nothing was created (see <see cref="NothingCreated"/>).</param>
public class ProviderException(ProviderErrorKind kind, string message, int? httpStatus = null, string? providerCode = null, Exception? inner = null, bool nothingCreated = false)
    : Exception(message, inner)
{
    /// <summary>
    /// True when the answer proves the request created nothing at the provider (rate limited, key refused, a connection
    /// never established): a submission refused this way may be sent again later without risk of paying twice.
    /// </summary>
    public bool NothingCreated { get; } = nothingCreated;

    /// <summary>The failure kind.</summary>
    public ProviderErrorKind Kind { get; } = kind;

    /// <summary>HTTP status, when there was a response.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The provider's own error code, when given.</summary>
    public string? ProviderCode { get; } = providerCode;
}

/// <summary>
/// A submission whose answer was lost (timeout, connection reset after sending, an ambiguous server error): a paid
/// task may exist. It must be reconciled from the task history, never re-sent blindly.
/// </summary>
/// <param name="message">What happened.</param>
/// <param name="inner">The underlying exception.</param>
public sealed class SubmissionOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>An <c>Idempotency-Key</c> sent again with a request other than the one it was first used with (HTTP 409, <c>idempotency_key_reused</c>).</summary>
/// <param name="key">The key.</param>
/// <param name="jobId">The job the key belongs to.</param>
public sealed class IdempotencyKeyReusedException(string key, string jobId)
    : Exception($"Idempotency-Key '{key}' was already used for job {jobId} with a different request (model, input, webhook or output). Send the same request to get that job again, or use a new key.")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;

    /// <summary>The job the key belongs to.</summary>
    public string JobId { get; } = jobId;
}

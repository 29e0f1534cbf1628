namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The named <see cref="HttpClient"/>s of the transport. Separate clients because their retry and timeout rules
/// differ: a paid submit must never pass through a retrying pipeline, and long transfers must not inherit the
/// short read timeouts (dotnet-notes §5).
/// </summary>
internal static class WaveSpeedHttpClientNames
{
    /// <summary>Submit: authenticated, no retry handler.</summary>
    public const string Submit = "wavespeed.submit";

    /// <summary>Reads (result, history, balance, models, quote): authenticated, retry + breaker + timeouts.</summary>
    public const string Poll = "wavespeed.poll";

    /// <summary>Multipart upload and upload ticket: authenticated, no retry, long timeout.</summary>
    public const string Upload = "wavespeed.upload";

    /// <summary>Pre-signed PUT and output downloads: NOT authenticated (third-party hosts), no default logging.</summary>
    public const string Transfer = "wavespeed.transfer";
}

using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Settings for the WaveSpeed transport. The host fills <see cref="ApiKey"/> from configuration or the
/// <c>WAVESPEED_API_KEY</c> environment variable; the transport only reads it here.
/// </summary>
public sealed class WaveSpeedOptions
{
    /// <summary>Configuration section the host may bind.</summary>
    public const string SectionName = "WaveSpeed";

    /// <summary>API root; the simulator runs on another one.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.wavespeed.ai");

    /// <summary>Bearer key. Never logged, never in exception messages or <see cref="ToString"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sent as <c>X-Client-Name</c> (optional attribution header).</summary>
    public string ClientName { get; set; } = "videostudio";

    /// <summary>Upload protocol; Binary is the documented one.</summary>
    public WaveSpeedUploadMode UploadMode { get; set; } = WaveSpeedUploadMode.Binary;

    /// <summary>Whole-request limit for a submit. Async submits answer fast; a lapse here means "outcome unknown".</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Re-sends of a submit whose failure proves it never reached the server (refused, DNS). Max 2.</summary>
    [SettingRange(0, 2, "0 to 2 (a submit is re-sent only when the connection was never made, and only a few times)")]
    public int SubmitConnectRetries { get; set; } = 2;

    /// <summary>Pause before such a re-send.</summary>
    public TimeSpan SubmitConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-attempt limit for result/history/balance/models/quote calls.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan PollAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for one read call including its retries, so a bad Retry-After cannot stall a job.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan PollTotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a read call on 429/5xx/connection errors (the SDKs use 5).</summary>
    [SettingRange(0, int.MaxValue, "at least 0")]
    public int PollMaxRetryAttempts { get; set; } = 5;

    /// <summary>Base delay of the exponential backoff (with jitter).</summary>
    public TimeSpan PollRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; longer values are cut to this (dotnet/extensions#7701).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Breaker: calls needed in the window before the failure ratio counts (Polly's 100 never trips at our volume).</summary>
    [SettingRange(2, int.MaxValue, "at least 2")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 5;

    /// <summary>Breaker: failure ratio that opens the circuit.</summary>
    [SettingRange(0.0, 1.0, "above 0 and at most 1", MinimumIsExclusive = true)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Breaker: sampling window.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Breaker: how long it stays open.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upload attempts in total. Uploads are free, so a transient failure (no answer, 408, 429, 5xx) is simply tried again.</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int UploadMaxAttempts { get; set; } = 4;

    /// <summary>Pause before the second upload attempt; it doubles for each one after.</summary>
    public TimeSpan UploadRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Limit for one upload request (multipart, ticket or PUT).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Limit for one download attempt; a broken attempt resumes with Range.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan DownloadAttemptTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Download attempts in total (the first plus resumes).</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int DownloadMaxAttempts { get; set; } = 5;

    /// <summary>Pause before a download resume.</summary>
    public TimeSpan DownloadRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Limit for one download, all resumes included: a URL that keeps trickling is given up on.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest output accepted (announced or streamed); a longer body is refused, not written.</summary>
    [SettingRange(typeof(long), "1", "9223372036854775807", "above zero")]
    public long MaxDownloadBytes { get; set; } = 8L << 30;

    /// <summary>Pages fetched at most by a history query (100 tasks a page).</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int HistoryMaxPages { get; set; } = 20;

    /// <inheritdoc />
    public override string ToString() =>
        $"WaveSpeedOptions {{ BaseUrl = {UrlRedactor.Redact(BaseUrl)}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<unset>" : "<redacted>")}, UploadMode = {UploadMode} }}";
}

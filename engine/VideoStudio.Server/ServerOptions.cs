using System.ComponentModel.DataAnnotations;

namespace VideoStudio.Server;

/// <summary>HTTP server settings, bound from <c>VideoStudio:Server</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:Server";

    /// <summary>
    /// API key → owner. When empty, every call is the <c>local</c> owner (a single-user server on loopback); when set,
    /// every <c>/v1</c> call needs <c>Authorization: Bearer &lt;key&gt;</c>. Keys are never logged.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest JSON request body accepted (bytes); inputs are small, so a big body is a mistake or an attack.</summary>
    [Range(1024L, 1024L * 1024 * 1024, ErrorMessage = "VideoStudio:Server:MaxRequestBytes must be between 1 KiB and 1 GiB ({1}..{2} bytes).")]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest upload accepted by <c>POST /v1/uploads</c> (bytes).</summary>
    [Range(1024L, 1024L * 1024 * 1024 * 1024, ErrorMessage = "VideoStudio:Server:MaxUploadBytes must be between 1 KiB and 1 TiB ({1}..{2} bytes).")]
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Most uploads one owner may hold (kept ones and ones still arriving, counted in the shared output directory, so
    /// across every host); beyond it <c>POST /v1/uploads</c> answers 429 <c>too_many_uploads</c>.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "VideoStudio:Server:MaxUploadsPerOwner must be between {1} and {2}.")]
    public int MaxUploadsPerOwner { get; set; } = 1_000;

    /// <summary>
    /// Most bytes of uploads one owner may hold (kept ones and ones still arriving, across every host); an upload that
    /// would pass it is refused with 413 <c>upload_quota_exceeded</c> and nothing of it is kept.
    /// </summary>
    [Range(1024L, 1024L * 1024 * 1024 * 1024 * 1024, ErrorMessage = "VideoStudio:Server:MaxUploadBytesPerOwner must be between 1 KiB and 1 PiB ({1}..{2} bytes).")]
    public long MaxUploadBytesPerOwner { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// How long an upload's body may take to arrive, from the request's start; a body still arriving then (one that
    /// trickles in) is cut off with 408 <c>upload_timed_out</c> and nothing of it is kept.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "VideoStudio:Server:UploadBodyTimeout must be between {1} and {2}.")]
    public TimeSpan UploadBodyTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Serve the engine's metrics at <c>GET /metrics</c> in Prometheus text format (outside <c>/v1</c> and its keys, as
    /// scrapers expect; restrict it at the network edge if spend by model is not for everyone). On by default.
    /// </summary>
    public bool PrometheusMetrics { get; set; } = true;

    /// <summary>Also export traces and metrics over OTLP to this collector (e.g. <c>http://127.0.0.1:4317</c>); null for none.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

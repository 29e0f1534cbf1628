using Microsoft.Extensions.Logging;

namespace VideoStudio.Simulator;

/// <summary>How a <see cref="SimulatorServer"/> behaves. Everything has a test-friendly default except the key.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The one Bearer key the simulator accepts; anything else is answered 401 "invalid authentication".</summary>
    public required string ApiKey { get; init; }

    /// <summary>Where Kestrel listens. Default: a free loopback port. Use <c>http://127.0.0.1:8089</c> for a fixed one.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Plugin folders to read models from; default <c>plugins/</c> beside the executable (what PluginHost.targets fills).</summary>
    public string PluginsDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>A second plugin directory read after <see cref="PluginsDirectory"/> (the user's own installs, as the CLI reads it); null: none.</summary>
    public string? UserPluginsDirectory { get; init; }

    /// <summary>Multiplies each model's <c>processing.expectedSeconds</c>: 0.01 makes a 120 s model finish in 1.2 s.</summary>
    public double LatencyScale { get; init; } = 0.01;

    /// <summary>When set, every task takes exactly this long (queue time excluded), whatever its model.</summary>
    public TimeSpan? FixedLatency { get; init; }

    /// <summary>How long a sync-mode POST may block before it answers 5004 (WaveSpeed: about 90 s).</summary>
    public TimeSpan SyncModeLimit { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The account's starting balance in USD.</summary>
    public decimal InitialBalanceUsd { get; init; } = 100m;

    /// <summary>How long predictions, outputs and uploads stay available (WaveSpeed: 7 days).</summary>
    public TimeSpan OutputRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>USD per second charged and quoted when our pricing rule cannot price an input; flagged <c>"placeholder": true</c>.</summary>
    public decimal PlaceholderUsdPerSecond { get; init; } = 0.05m;

    /// <summary>How long after a task ends its billing record appears in <c>POST /api/v3/billings/search</c> (a real account's lag is not documented).</summary>
    public TimeSpan BillingDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Per model id, a factor on our pricing rule's price giving what a task is really charged (the balance and the
    /// billing record), so a charge can differ from the estimate as a real provider's may. A model not listed is
    /// charged exactly the rule's price.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> ChargeFactors { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Seconds assumed for a placeholder price when the input says nothing about length.</summary>
    public decimal PlaceholderSeconds { get; init; } = 5m;

    /// <summary>Account-tier limits; <see cref="TierLimits.Unlimited"/> by default.</summary>
    public TierLimits Limits { get; init; } = TierLimits.Unlimited;

    /// <summary>Faults active from the start; the same object is <see cref="SimulatorServer.Faults"/>, mutable at run time. Seed its probabilities with <c>new SimulatorFaults(seed)</c>.</summary>
    public SimulatorFaults Faults { get; init; } = new();

    /// <summary>The clock for task lifecycles, expiry, sync-mode limits, delays and rate windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The webhook signing secret (must start with <c>whsec_</c>); generated when null.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>
    /// Fetch media URLs on loopback that are not its own uploads (tests serve their media that way). Off when the
    /// simulator is embedded in a server that faces callers (<c>videostudio serve</c>): a caller's URL must not make
    /// it reach the host's own services (docs/security.md).
    /// </summary>
    public bool FetchLoopbackMedia { get; init; } = true;

    /// <summary>
    /// The ffmpeg that renders outputs shaped by each request (ffprobe is taken from beside it, else from PATH).
    /// Null: <c>ffmpeg</c> on PATH. Empty, or a path with no working ffmpeg: every output is the bundled sample clip.
    /// </summary>
    public string? FfmpegPath { get; init; }

    /// <summary>
    /// When set, every output is a generated stream of exactly this many bytes (served as video/mp4 with Range, no
    /// render and nothing held in memory): for download load tests, e.g. 1073741824 for 1 GiB. Null: rendered or sample.
    /// </summary>
    public long? OutputBytes { get; init; }

    /// <summary>Rendered outputs by shape, shared by every simulator on the machine (renders are keyed by content, so reuse is safe).</summary>
    public string OutputCacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "videostudio-simulator-outputs");

    /// <summary>At most this many ffmpeg/ffprobe processes at once; further renders wait their turn.</summary>
    public int MaxConcurrentRenders { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Optional logging setup; by default only warnings go to the console-free null logger.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}

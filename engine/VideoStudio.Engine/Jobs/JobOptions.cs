using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Jobs;

/// <summary>Job settings, bound from <c>VideoStudio:Jobs</c>.</summary>
public sealed class JobOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:Jobs";

    /// <summary>Where the job store and downloaded outputs live (<c>--data-dir</c> / <c>VIDEOSTUDIO_DATA</c>).</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>Tasks in flight at the provider at once (WaveSpeed Bronze: 2). Excess jobs queue locally.</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Submissions per minute (WaveSpeed Bronze: 2). Excess jobs queue locally.</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int SubmitsPerMinute { get; set; } = 2;

    /// <summary>
    /// Paid POSTs awaiting their answer at once. Keeps a burst of thousands of submissions from pushing answers past
    /// the submit timeout (which would make them "outcome unknown" and send them to reconciliation).
    /// </summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int MaxConcurrentSubmits { get; set; } = 8;

    /// <summary>Result polls in flight at once across all jobs.</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int PollConcurrency { get; set; } = 16;

    /// <summary>Completed jobs downloading their outputs at once (downloads never hold a poll slot).</summary>
    [SettingRange(1, int.MaxValue, "at least 1")]
    public int DownloadConcurrency { get; set; } = 8;

    /// <summary>Multiplies every expected processing time (poll timing, deadlines); the embedded simulator runs faster than real models.</summary>
    public double ProcessingTimeScale { get; set; } = 1.0;

    /// <summary>Public URL of this host's webhook endpoint; when set, submissions ask the provider to call it.</summary>
    public Uri? PublicWebhookUrl { get; set; }

    /// <summary>The provider's webhook signing secret (<c>whsec_…</c>; <c>GET /api/v3/webhook/secret</c>). Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long to look for a lost submission in the provider's history before asking a person.</summary>
    public TimeSpan ReconcileWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// On resume, end unfinished jobs that were sent to another provider endpoint instead of leaving them pending
    /// (the CLI's embedded simulator gets a new address every run, so its old jobs can never be checked again).
    /// </summary>
    public bool AbandonJobsOfOtherProviders { get; set; }

    /// <summary>Which job store: <c>sqlite</c> (the default: one file in the data directory, any number of processes on one machine) or <c>postgres</c> (many hosts).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Store"/> is <c>postgres</c> (never logged).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where downloaded outputs are written; by default <c>outputs/</c> in the data directory. Several hosts share one (a network mount) so any host can serve any output.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>How long a claim on a job lasts without renewal. A worker that dies or hangs loses its jobs to another after this long.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "10675199.02:48:05.4775807", "at least 1 s, so a renewal can land before it lapses")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often held leases are renewed; a worker that cannot renew stops working one interval before its leases lapse.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this process takes the signals other processes left for its jobs (cancel, check now).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "it must be above zero", MinimumIsExclusive = true)]
    public TimeSpan SignalInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a long-running host claims jobs nobody holds (their worker died); null: only when asked (<see cref="Facade.IVideoJobs.ResumeAsync(CancellationToken)"/>). The server sets it.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "above zero, or unset to take over only on resume", MinimumIsExclusive = true)]
    public TimeSpan? TakeoverInterval { get; set; }

    /// <summary>First pause before a submission the provider refused without creating anything (401/403, never connected) is sent again; it doubles up to <see cref="SubmitRetryMaxDelay"/>. A 429 waits one rate window's share instead.</summary>
    public TimeSpan SubmitRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest pause between refused submissions.</summary>
    public TimeSpan SubmitRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its creation a job keeps being submitted again after such refusals before it fails with the last one.</summary>
    public TimeSpan SubmitRetryTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>First pause before a download or store write that failed for lack of space (or another local I/O error) is tried again; it doubles up to <see cref="StorageRetryMaxDelay"/>.</summary>
    public TimeSpan StorageRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest pause between tries while the disk or store is full.</summary>
    public TimeSpan StorageRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a job waits for room to store its output before it fails (the output stays at the provider for 7 days).</summary>
    public TimeSpan StorageRetryTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Spend cap per owner per UTC day, in USD; null for none.</summary>
    [SettingRange(typeof(decimal), "0", "79228162514264337593543950335", "an amount in USD, zero or more, or unset for none")]
    public decimal? DailyCapUsd { get; set; }

    /// <summary>Spend cap per owner per UTC month, in USD; null for none.</summary>
    [SettingRange(typeof(decimal), "0", "79228162514264337593543950335", "an amount in USD, zero or more, or unset for none")]
    public decimal? MonthlyCapUsd { get; set; }

    /// <summary>
    /// The most jobs one owner may have waiting to be submitted (queued or uploading) across every host; a job beyond it
    /// is refused (HTTP 429 <c>too_many_queued_jobs</c>), so one owner's flood cannot fill the queue. Null for no limit.
    /// </summary>
    [SettingRange(1, int.MaxValue, "at least 1, or unset for no limit")]
    public int? MaxQueuedJobsPerOwner { get; set; } = 10_000;

    /// <summary>Limits of particular owners, by owner; what an owner's entry leaves unset is the default above.</summary>
    public IDictionary<string, OwnerLimits> Owners { get; set; } = new Dictionary<string, OwnerLimits>(StringComparer.Ordinal);

    /// <summary>
    /// When to ask the provider's billing records for what a finished job was charged, each counted from the
    /// previous lookup (the first from the job's end); null for <see cref="ChargeLookup.DefaultDelays"/>. A
    /// record still absent after the last one leaves the charge unknown (the estimate stands). Null rather than a
    /// default list because configuration binding appends to a list it finds.
    /// </summary>
    public IList<TimeSpan>? ChargeLookupDelays { get; set; }

    /// <summary>How often this process claims finished jobs whose charge lookup is due; null turns lookups off.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", "above zero, or unset to turn charge lookups off", MinimumIsExclusive = true)]
    public TimeSpan? ChargeLookupInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A model whose charges differ from its estimates by more than this percentage (either way) is reported as a pricing rule to fix.</summary>
    [SettingRange(typeof(decimal), "0", "1000", "a percentage above 0 and at most 1000 (e.g. 5 flags a model whose charges differ from its estimates by more than 5 %)", MinimumIsExclusive = true)]
    public decimal ChargeDriftThresholdPercent { get; set; } = 5m;

    /// <summary>The charge lookup schedule in use.</summary>
    public IReadOnlyList<TimeSpan> ChargeLookupSchedule => ChargeLookupDelays is { Count: > 0 } delays ? [.. delays] : ChargeLookup.DefaultDelays;

    /// <summary>The output directory in use.</summary>
    public string Outputs => OutputDirectory ?? Path.Combine(DataDirectory, "outputs");

    /// <summary>The default data directory: under the user's local application data.</summary>
    public static string DefaultDataDirectory() =>
        Environment.GetEnvironmentVariable("VIDEOSTUDIO_DATA") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "VideoStudio");
}

namespace VideoStudio.Engine.Hosting;

/// <summary>How <c>AddVideoStudio</c> behaves in a host, bound from <c>VideoStudio:Hosting</c>.</summary>
public sealed class VideoStudioHostingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "VideoStudio:Hosting";

    /// <summary>Which provider the jobs use; <see cref="ProviderChoice.Automatic"/> by default (no key: the embedded simulator).</summary>
    public ProviderChoice Provider { get; set; } = ProviderChoice.Automatic;

    /// <summary>How much faster than each model's expected time the embedded simulator finishes a task (0.02: 60 s in 1.2 s).</summary>
    public double SimulatorLatencyScale { get; set; } = 0.02;

    /// <summary>
    /// Let the embedded simulator fetch media URLs on loopback (the host's own services) that a request names. Off by
    /// default: an app that faces callers must not let a caller's URL reach its host (docs/security.md). On only where
    /// every request comes from the machine's own user, as with the CLI's job commands.
    /// </summary>
    public bool SimulatorFetchLoopbackMedia { get; set; }

    /// <summary>
    /// Check at host start that the plugins directory holds plugins and the job store's folder can be written, and fail
    /// the start naming the folder and the setting when not. Off: problems show later, per request.
    /// </summary>
    public bool CheckAtStart { get; set; } = true;
}

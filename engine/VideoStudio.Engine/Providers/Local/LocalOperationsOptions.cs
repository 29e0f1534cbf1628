using System.ComponentModel.DataAnnotations;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>The local operations adapter (section <c>VideoStudio:LocalOperations</c>): where FFmpeg is, and what bounds a run.</summary>
public sealed class LocalOperationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "VideoStudio:LocalOperations";

    /// <summary>The FFmpeg executable: a path, or a name found on PATH.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The FFprobe executable: a path, or a name found on PATH.</summary>
    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Where uploads, tasks and outputs are kept; null: <c>local-operations</c> in the jobs' data directory.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Longest one run may take; FFmpeg is stopped past it and the task fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest output a run may write (FFmpeg's <c>-fs</c>; the task fails when it is reached).</summary>
    [Range(1024, 64L * 1024 * 1024 * 1024)]
    public long MaxOutputBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>FFmpeg runs at once on this host; more wait their turn.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 2;
}

using System.Diagnostics;

namespace VideoStudio.Engine.Telemetry;

/// <summary>
/// The names an operator subscribes to: one <see cref="ActivitySource"/> and one meter, both <c>VideoStudio</c>
/// (<c>AddSource(VideoStudioTelemetry.Name)</c>, <c>AddMeter(VideoStudioTelemetry.Name)</c> in OpenTelemetry). The
/// engine only emits through <c>System.Diagnostics</c>; exporting is the host's choice (the server: Prometheus at
/// <c>/metrics</c>, OTLP by configuration).
/// </summary>
public static class VideoStudioTelemetry
{
    /// <summary>The activity source and meter name.</summary>
    public const string Name = "VideoStudio";

    /// <summary>Spans: one per job step run in this process (<c>videostudio.job …</c>) and one per provider call (<c>gen_ai …</c>).</summary>
    public static readonly ActivitySource Source = new(Name, typeof(VideoStudioTelemetry).Assembly.GetName().Version?.ToString());
}

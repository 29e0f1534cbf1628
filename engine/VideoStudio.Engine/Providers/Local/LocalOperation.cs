using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>
/// One operation the local adapter runs (a model of the <c>videostudio.edit</c> plugin): which input fields name
/// files, the output's extension, FFmpeg's arguments (each its own argv entry), and a check of the output.
/// </summary>
public abstract class LocalOperation
{
    /// <summary>Common H.264 video encoding (yuv420p plays everywhere; faststart for the web).</summary>
    protected static readonly string[] H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];

    /// <summary>Common AAC audio encoding.</summary>
    protected static readonly string[] Aac = ["-c:a", "aac", "-b:a", "128k"];

    /// <summary>The model id it serves.</summary>
    public abstract string ModelId { get; }

    /// <summary>Input fields that name a file (an upload or a job output).</summary>
    public virtual IReadOnlyList<string> MediaFields => ["video"];

    /// <summary>The output's extension, with its dot.</summary>
    public virtual string OutputExtension(JsonObject input) => ".mp4";

    /// <summary>FFmpeg's arguments, the output path last; <see cref="LocalOperationException"/> for a value it cannot use.</summary>
    public abstract IReadOnlyList<string> Arguments(OperationContext context);

    /// <summary>Why the output misses what was asked (a preset's limits), or null when it meets it.</summary>
    public virtual string? CheckOutput(MediaFacts output, OperationContext context) => null;

    /// <summary>A number as FFmpeg reads it (invariant, no exponent).</summary>
    protected static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

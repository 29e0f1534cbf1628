using System.Globalization;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Makes the file smaller: to a target size in MB (bitrate from the duration), or at a quality (CRF 18-40).</summary>
public sealed class Compress : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/compress";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        if (context.OptionalNumber("target_mb", 0.1, 4096) is double target)
        {
            long kbps = VideoKbps(target * 1_000_000, context.FactsOf("video").Seconds, 96);
            string rate = kbps.ToString(CultureInfo.InvariantCulture) + "k";
            return ["-i", context.File("video"), "-c:v", "libx264", "-preset", "veryfast", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-c:a", "aac", "-b:a", "96k", context.OutputPath];
        }

        string crf = N(Math.Round(context.Number("quality", 28, 18, 40)));
        return ["-i", context.File("video"), "-c:v", "libx264", "-preset", "veryfast", "-crf", crf, "-pix_fmt", "yuv420p", "-movflags", "+faststart", .. Aac, context.OutputPath];
    }

    /// <inheritdoc />
    public override string? CheckOutput(MediaFacts output, OperationContext context) =>
        context.OptionalNumber("target_mb", 0.1, 4096) is double target && output.Bytes > target * 1_000_000 * 1.1
            ? $"The output is {output.Bytes / 1e6:0.0#} MB, over the {target} MB asked for: the clip is too long for that size at a watchable quality."
            : null;

    /// <summary>The video bitrate (kbit/s) that fits <paramref name="bytes"/> over <paramref name="seconds"/> beside audio at <paramref name="audioKbps"/>, with 8 % for the container.</summary>
    public static long VideoKbps(double bytes, double seconds, int audioKbps)
    {
        if (seconds <= 0)
        {
            throw new LocalOperationException("The video's duration is unknown, so no bitrate fits a target size.");
        }

        long kbps = (long)((bytes * 8 * 0.92 / seconds / 1000) - audioKbps);
        return kbps >= 50 ? kbps : throw new LocalOperationException($"{bytes / 1e6:0.##} MB is too small for {seconds:0.#} s of video; ask for a larger size or trim first.");
    }
}

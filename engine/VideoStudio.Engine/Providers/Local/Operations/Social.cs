using System.Globalization;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>
/// Makes a clip platform-ready from a <see cref="SocialPreset"/>: cut to the platform's length, cropped (around a
/// focus point) or letterboxed to its frame, at its frame rate, with a bitrate that fits its file size — then the
/// output is checked against the preset and the task fails if it misses.
/// </summary>
public sealed class Social : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/social";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        SocialPreset preset = PresetOf(context);
        MediaFacts video = context.FactsOf("video");
        double seconds = Math.Min(video.Seconds, preset.MaxSeconds);
        bool crop = context.Text("fit", "crop", "crop", "letterbox") == "crop";
        string fit = FrameFit.Filter(video.Width, video.Height, preset.Width, preset.Height, crop, context.Number("focus_x", 0.5, 0, 1), context.Number("focus_y", 0.5, 0, 1));
        string rate = Math.Min(8000, Compress.VideoKbps(preset.MaxBytes * 0.95, seconds, 128)).ToString(CultureInfo.InvariantCulture) + "k";
        return ["-i", context.File("video"), "-t", N(seconds), "-vf", $"{fit},fps={preset.Fps}",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-maxrate", rate, "-bufsize", rate, "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            .. Aac, "-ar", "48000", context.OutputPath];
    }

    /// <inheritdoc />
    public override string? CheckOutput(MediaFacts output, OperationContext context) => PresetOf(context).Check(output);

    private static SocialPreset PresetOf(OperationContext context) => SocialPreset.All[context.Text("platform", null, [.. SocialPreset.All.Keys])];
}

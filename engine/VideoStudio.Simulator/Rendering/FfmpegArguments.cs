using System.Globalization;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// The ffmpeg argument list that makes one <see cref="OutputShape"/>: new footage (a plain or still-image picture
/// with the prompt, the model id and a running clock drawn on it), the source video resized, or the source
/// followed by new footage, or the source's "subject" (a box in the middle of the frame: no segmentation offline) cut
/// out over a background image or over nothing (alpha); the sound generated, taken from an audio input, kept from the
/// source, or none. Small on purpose: ultrafast x264 at a high CRF, 22 kHz mono AAC, moov first so players start at
/// once; a transparent cut-out is VP9 with alpha and Opus in WebM, the one common format that carries both.
/// </summary>
internal sealed class FfmpegArguments
{
    private const string AudioFormat = "aformat=sample_fmts=fltp:sample_rates=22050:channel_layouts=mono";
    private const string OpusFormat = "aformat=sample_fmts=flt:sample_rates=24000:channel_layouts=mono"; // Opus takes no 22.05 kHz
    private readonly List<string> arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y"];
    private readonly List<string> filters = [];
    private int inputs;

    private FfmpegArguments()
    {
    }

    /// <param name="shape">What to make.</param>
    /// <param name="captionFile">A text file holding the wrapped prompt (drawtext reads it verbatim).</param>
    /// <param name="modelFile">A text file holding the model id.</param>
    /// <param name="output">The MP4 to write.</param>
    public static IReadOnlyList<string> For(OutputShape shape, string captionFile, string modelFile, string output)
    {
        var b = new FfmpegArguments();
        (string video, string? audio) = shape.Source is { } cut && shape.Cutout
            ? b.CutOut(shape, cut)
            : shape.Source is { } source && !shape.Extend
            ? b.Resized(shape, source)
            : shape.Source is { } first
                ? b.Extended(shape, first, b.NewFootage(shape, captionFile, modelFile, first.Seconds ?? 0))
                : b.NewFootage(shape, captionFile, modelFile, 0);
        b.arguments.AddRange(["-filter_complex", string.Join(';', b.filters), "-map", video]);
        if (audio is not null)
        {
            b.arguments.AddRange(["-map", audio, "-c:a", shape.Transparent ? "libopus" : "aac", "-b:a", "32k"]);
        }

        b.arguments.AddRange(shape.Transparent
            ? ["-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-auto-alt-ref", "0"]
            : ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "38", "-pix_fmt", "yuv420p"]);
        b.arguments.AddRange(["-r", Num(shape.Fps), "-t", Num(shape.TotalSeconds)]);
        b.arguments.AddRange(shape.Transparent ? ["-f", "webm", output] : ["-movflags", "+faststart", "-f", "mp4", output]);
        return b.arguments;
    }

    /// <summary>The prompt's font size: a fraction of the frame's short side.</summary>
    public static int CaptionFontSize(OutputShape shape) => Math.Max(10, Math.Min(shape.Width, shape.Height) / 18);

    // The clock shows time in the whole output: an extension's starts where its source ends.
    private (string Video, string? Audio) NewFootage(OutputShape shape, string captionFile, string modelFile, double clockOffset)
    {
        string size = $"{shape.Width}x{shape.Height}";
        int picture = shape.Still is { } still
            ? Input(["-loop", "1", "-framerate", Num(shape.Fps), "-t", Num(shape.Seconds), "-i", still.Path])
            : Input(["-f", "lavfi", "-i", $"color=c=0x1e2a3a:s={size}:r={Num(shape.Fps)}:d={Num(shape.Seconds)}"]);
        int unit = Math.Min(shape.Width, shape.Height);
        string box = shape.Still is null ? string.Empty : ":box=1:boxcolor=black@0.55:boxborderw=" + Num(Math.Max(2, unit / 80));
        filters.Add(
            $"[{picture}:v]scale={shape.Width}:{shape.Height}:force_original_aspect_ratio=increase,crop={shape.Width}:{shape.Height},setsar=1,fps={Num(shape.Fps)}," +
            $"drawtext=font=Sans:textfile={FilterPath(captionFile)}:expansion=none:fontcolor=white:fontsize={Num(CaptionFontSize(shape))}:line_spacing={Num(unit / 60)}:x=(w-text_w)/2:y=h*0.30{box}," +
            $"drawtext=font=Sans:textfile={FilterPath(modelFile)}:expansion=none:fontcolor=0xa0b4c8:fontsize={Num(Math.Max(8, unit / 30))}:x=(w-text_w)/2:y=h*0.70{box}," +
            $"drawtext=font=Sans Mono:text='%{{eif\\:t+{Num(clockOffset)}\\:d}}.%{{eif\\:mod((t+{Num(clockOffset)})*10\\,10)\\:d}} s':fontcolor=white:fontsize={Num(Math.Max(8, unit / 24))}:x=w*0.04:y=h*0.88{box}," +
            "format=yuv420p[vnew]");
        string? audio = shape.Audio switch
        {
            AudioSource.Generated => Chain(Input(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=22050:duration={Num(shape.Seconds)}"]), AudioFormat, "anew"),
            AudioSource.Media when shape.AudioFile is { } file => Chain(Input(["-i", file.Path]), $"{AudioFormat},atrim=0:{Num(shape.Seconds)},apad=whole_dur={Num(shape.Seconds)}", "anew"),
            _ => null,
        };
        return ("[vnew]", audio);
    }

    private (string Video, string? Audio) Resized(OutputShape shape, MediaFacts source)
    {
        int s = Input(["-i", source.Path]);
        filters.Add($"[{s}:v]scale={shape.Width}:{shape.Height},setsar=1,fps={Num(shape.Fps)},format=yuv420p[vout]");
        string? audio = shape.Audio switch
        {
            AudioSource.SourceTrack => Chain(s, AudioFormat, "aout"),
            AudioSource.Generated => Chain(Input(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=22050:duration={Num(shape.Seconds)}"]), AudioFormat, "aout"),
            _ => null,
        };
        return ("[vout]", audio);
    }

    // The middle half of the frame stands for the subject: kept over the background image (scaled to fill the frame),
    // or with everything around it transparent (alphamerge with a white box on black as the matte).
    private (string Video, string? Audio) CutOut(OutputShape shape, MediaFacts source)
    {
        int s = Input(["-i", source.Path]);
        string size = $"{shape.Width}x{shape.Height}";
        int matte = Input(["-f", "lavfi", "-i", $"color=c=black:s={size}:r={Num(shape.Fps)}:d={Num(shape.Seconds)}"]);
        filters.Add($"[{s}:v]scale={shape.Width}:{shape.Height},setsar=1,fps={Num(shape.Fps)},format=yuv420p[vsub]");
        filters.Add($"[{matte}:v]format=gray,drawbox=x=iw/4:y=ih/8:w=iw/2:h=ih*7/8:color=white:t=fill[vmatte]");
        filters.Add("[vsub][vmatte]alphamerge[vcut]");
        if (shape.Background is { } background)
        {
            int image = Input(["-loop", "1", "-framerate", Num(shape.Fps), "-t", Num(shape.Seconds), "-i", background.Path]);
            filters.Add($"[{image}:v]scale={shape.Width}:{shape.Height}:force_original_aspect_ratio=increase,crop={shape.Width}:{shape.Height},setsar=1,fps={Num(shape.Fps)},format=yuv420p[vbg]");
            filters.Add("[vbg][vcut]overlay=0:0:shortest=1,format=yuv420p[vout]");
        }
        else
        {
            filters.Add("[vcut]format=yuva420p[vout]");
        }

        string format = shape.Transparent ? OpusFormat : AudioFormat;
        string? audio = shape.Audio switch
        {
            AudioSource.SourceTrack => Chain(s, format, "aout"),
            AudioSource.Generated => Chain(Input(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=22050:duration={Num(shape.Seconds)}"]), format, "aout"),
            _ => null,
        };
        return ("[vout]", audio);
    }

    private (string Video, string? Audio) Extended(OutputShape shape, MediaFacts source, (string Video, string? Audio) extension)
    {
        double length = source.Seconds ?? 0;
        int s = Input(["-i", source.Path]);
        filters.Add($"[{s}:v]scale={shape.Width}:{shape.Height},setsar=1,fps={Num(shape.Fps)},format=yuv420p[vsrc]");
        if (extension.Audio is null)
        {
            filters.Add("[vsrc][vnew]concat=n=2:v=1:a=0[vout]");
            return ("[vout]", null);
        }

        // The source's own sound, or silence as long as the source, so the extension's sound starts where its picture does.
        int from = source.HasAudio ? s : Input(["-f", "lavfi", "-t", Num(length), "-i", "anullsrc=r=22050:cl=mono"]);
        Chain(from, $"{AudioFormat},atrim=0:{Num(length)},apad=whole_dur={Num(length)}", "asrc");
        filters.Add($"[vsrc][asrc][vnew]{extension.Audio}concat=n=2:v=1:a=1[vout][aout]");
        return ("[vout]", "[aout]");
    }

    private int Input(string[] input)
    {
        arguments.AddRange(input);
        return inputs++;
    }

    private string Chain(int input, string chain, string label)
    {
        filters.Add($"[{input}:a]{chain}[{label}]");
        return $"[{label}]";
    }

    // A path inside a filter graph is parsed twice: as an option value (where ':' separates options), then as part of
    // the graph (where ',' ';' '[' ']' separate filters). Escape for the first, then for the second.
    private static string FilterPath(string path)
    {
        string option = Escape(path, @"\':");
        return Escape(option, @"\',;[]");
    }

    private static string Escape(string text, string special) =>
        string.Concat(text.Select(c => special.Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString()));

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>
/// Joins two or three clips, optionally with a crossfade. Clips of other sizes are fitted (letterboxed) to the
/// first's frame, all at 30 fps; a clip without sound contributes silence.
/// </summary>
public sealed class Concat : LocalOperation
{
    private static readonly string[] Fields = ["video", "second", "third"];

    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/concat";

    /// <inheritdoc />
    public override IReadOnlyList<string> MediaFields => Fields;

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        string[] present = [.. Fields.Where(context.Files.ContainsKey)];
        if (present.Length < 2 || present[0] != "video")
        {
            throw new LocalOperationException("'video' and 'second' are required.");
        }

        MediaFacts first = context.FactsOf("video");
        double fade = context.Number("crossfade", 0, 0, 2);
        double shortest = present.Min(f => context.FactsOf(f).Seconds);
        if (fade > 0 && fade >= shortest)
        {
            throw new LocalOperationException($"'crossfade' ({N(fade)} s) must be shorter than the shortest clip ({N(shortest)} s).");
        }

        (int w, int h) = (FrameFit.Even(first.Width), FrameFit.Even(first.Height));
        var graph = new StringBuilder();
        var args = new List<string>();
        for (int i = 0; i < present.Length; i++)
        {
            MediaFacts facts = context.FactsOf(present[i]);
            args.AddRange(["-i", context.File(present[i])]);
            graph.Append(CultureInfo.InvariantCulture, $"[{i}:v]scale={w}:{h}:force_original_aspect_ratio=decrease,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30,format=yuv420p,trim=duration={N(facts.Seconds)},setpts=PTS-STARTPTS[v{i}];");
            graph.Append(facts.HasAudio
                ? $"[{i}:a]aformat=sample_rates=48000:channel_layouts=stereo,atrim=duration={N(facts.Seconds)},asetpts=PTS-STARTPTS[a{i}];"
                : $"anullsrc=r=48000:cl=stereo,atrim=duration={N(facts.Seconds)}[a{i}];");
        }

        if (fade <= 0)
        {
            string pairs = string.Concat(Enumerable.Range(0, present.Length).Select(i => $"[v{i}][a{i}]"));
            graph.Append(CultureInfo.InvariantCulture, $"{pairs}concat=n={present.Length}:v=1:a=1[v][a]");
        }
        else
        {
            double offset = 0;
            string video = "v0", audio = "a0";
            for (int i = 1; i < present.Length; i++)
            {
                offset += context.FactsOf(present[i - 1]).Seconds - fade;
                graph.Append(CultureInfo.InvariantCulture, $"[{video}][v{i}]xfade=transition=fade:duration={N(fade)}:offset={N(offset)}[xv{i}];[{audio}][a{i}]acrossfade=d={N(fade)}[xa{i}];");
                (video, audio) = ($"xv{i}", $"xa{i}");
            }

            graph.Append(CultureInfo.InvariantCulture, $"[{video}]null[v];[{audio}]anull[a]");
        }

        return [.. args, "-filter_complex", graph.ToString(), "-map", "[v]", "-map", "[a]", .. H264, .. Aac, context.OutputPath];
    }
}

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Burns SRT subtitles into the picture (libass): the SRT text goes to a file in the task folder, never into the filter.</summary>
public sealed class Captions : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/captions";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        string srt = context.Text("srt", null);
        if (!srt.Contains("-->", StringComparison.Ordinal) || srt.Length > 200_000)
        {
            throw new LocalOperationException("'srt' must be SRT subtitles (numbered cues with 00:00:01,000 --> 00:00:03,000 times), at most 200,000 characters.");
        }

        string file = context.WriteTaskFile("captions.srt", srt);
        string size = N(Math.Round(context.Number("font_size", 22, 8, 96)));
        string filter = $"subtitles=filename={FilterEscape.Value(file)}:charenc=UTF-8:force_style={FilterEscape.Value($"FontSize={size},Outline=2")}";
        return ["-i", context.File("video"), "-vf", filter, .. H264, "-c:a", "copy", context.OutputPath];
    }
}

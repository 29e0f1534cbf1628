namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Plays the clip <c>factor</c> times as fast (0.25-4), the sound's pitch kept.</summary>
public sealed class Speed : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/speed";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        double factor = context.Number("factor", 1, 0.25, 4);
        string[] audio = context.FactsOf("video").HasAudio ? ["-filter:a", Tempo(factor), .. Aac] : ["-an"];
        return ["-i", context.File("video"), "-filter:v", $"setpts=PTS/{N(factor)}", .. audio, .. H264, context.OutputPath];
    }

    // atempo takes 0.5-2 per instance: chain instances for the rest.
    private static string Tempo(double factor)
    {
        var parts = new List<string>();
        for (; factor > 2; factor /= 2)
        {
            parts.Add("atempo=2");
        }

        for (; factor < 0.5; factor /= 0.5)
        {
            parts.Add("atempo=0.5");
        }

        parts.Add($"atempo={N(factor)}");
        return string.Join(',', parts);
    }
}

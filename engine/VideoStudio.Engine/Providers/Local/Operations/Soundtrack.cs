namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Replaces the clip's sound with an audio file, or mixes the file under it; the picture is copied, the length is the clip's.</summary>
public sealed class Soundtrack : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/soundtrack";

    /// <inheritdoc />
    public override IReadOnlyList<string> MediaFields => ["video", "audio"];

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        bool mix = context.Text("mode", "replace", "replace", "mix") == "mix" && context.FactsOf("video").HasAudio;
        string gain = N(context.Number("audio_gain_db", 0, -40, 20));
        string[] inputs = ["-i", context.File("video"), "-i", context.File("audio")];
        string graph = mix
            ? $"[1:a]volume={gain}dB[m];[0:a][m]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[a]"
            : $"[1:a]volume={gain}dB,apad[a]";
        return [.. inputs, "-filter_complex", graph, "-map", "0:v:0", "-map", "[a]", "-c:v", "copy", .. Aac, "-t", N(context.FactsOf("video").Seconds), context.OutputPath];
    }
}

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Normalises the sound to an integrated loudness (EBU R128 <c>loudnorm</c>), -14 LUFS by default as streaming platforms play.</summary>
public sealed class Loudness : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/loudness";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        if (!context.FactsOf("video").HasAudio)
        {
            throw new LocalOperationException("The video has no sound to normalise.");
        }

        string lufs = N(context.Number("target_lufs", -14, -30, -5));
        return ["-i", context.File("video"), "-filter:a", $"loudnorm=I={lufs}:TP=-1.5:LRA=11", "-ar", "48000", "-c:v", "copy", .. Aac, context.OutputPath];
    }
}

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Raises or lowers the sound by a gain in dB; the picture is copied untouched.</summary>
public sealed class Volume : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/volume";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        if (!context.FactsOf("video").HasAudio)
        {
            throw new LocalOperationException("The video has no sound to change.");
        }

        return ["-i", context.File("video"), "-filter:a", $"volume={N(context.Number("gain_db", 0, -40, 40))}dB", "-c:v", "copy", .. Aac, context.OutputPath];
    }
}

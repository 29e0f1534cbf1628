namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Scales the frame to a height (its shape kept, width even).</summary>
public sealed class Resize : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/resize";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        int height = FrameFit.Even(context.Number("height", 720, 144, 2160));
        return ["-i", context.File("video"), "-vf", $"scale=-2:{height}:flags=lanczos,setsar=1", .. H264, .. Aac, context.OutputPath];
    }
}

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Reshapes the frame to an aspect ratio: crop around a focus point, or letterbox.</summary>
public sealed class Aspect : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/aspect";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        MediaFacts video = context.FactsOf("video");
        bool crop = context.Text("fit", "crop", "crop", "letterbox") == "crop";
        (int w, int h) = FrameFit.SizeFor(FrameFit.Aspect(context.Text("aspect", "9:16")), video.Width, video.Height, crop);
        string filter = FrameFit.Filter(video.Width, video.Height, w, h, crop, context.Number("focus_x", 0.5, 0, 1), context.Number("focus_y", 0.5, 0, 1));
        return ["-i", context.File("video"), "-vf", filter, .. H264, .. Aac, context.OutputPath];
    }
}

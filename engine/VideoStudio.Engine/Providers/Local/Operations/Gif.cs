using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>An animated GIF of the clip, with a palette made from its own colours.</summary>
public sealed class Gif : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/gif";

    /// <inheritdoc />
    public override string OutputExtension(JsonObject input) => ".gif";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        string fps = N(Math.Round(context.Number("fps", 12, 5, 30)));
        int width = FrameFit.Even(context.Number("width", 480, 120, 1280));
        return ["-i", context.File("video"), "-filter_complex", $"[0:v]fps={fps},scale={width}:-2:flags=lanczos,split[a][b];[a]palettegen[p];[b][p]paletteuse", "-an", context.OutputPath];
    }
}

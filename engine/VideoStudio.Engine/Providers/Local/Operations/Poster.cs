using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>One frame of the clip as a JPEG or PNG: a poster or thumbnail.</summary>
public sealed class Poster : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/poster";

    /// <inheritdoc />
    public override string OutputExtension(JsonObject input) => input["format"]?.GetValue<string>() == "png" ? ".png" : ".jpg";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        double length = context.FactsOf("video").Seconds;
        double at = Math.Min(context.Number("at_seconds", 1, 0, 86_400), Math.Max(0, length - 0.1));
        context.Text("format", "jpeg", "jpeg", "png");
        string[] scale = context.OptionalNumber("width", 64, 3840) is double w ? ["-vf", $"scale={FrameFit.Even(w)}:-2:flags=lanczos"] : [];
        return ["-ss", N(at), "-i", context.File("video"), "-frames:v", "1", .. scale, "-q:v", "2", "-update", "1", context.OutputPath];
    }
}

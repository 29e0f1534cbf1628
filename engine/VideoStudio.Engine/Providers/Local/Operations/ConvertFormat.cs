using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Changes the format: MP4 (H.264 + AAC) or WebM (VP9 + Opus).</summary>
public sealed class ConvertFormat : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/convert";

    /// <inheritdoc />
    public override string OutputExtension(JsonObject input) => input["format"]?.GetValue<string>() == "webm" ? ".webm" : ".mp4";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context) =>
        context.Text("format", "mp4", "mp4", "webm") == "webm"
            ? ["-i", context.File("video"), "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "33", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1", "-pix_fmt", "yuv420p", "-c:a", "libopus", "-b:a", "96k", context.OutputPath]
            : ["-i", context.File("video"), .. H264, .. Aac, context.OutputPath];
}

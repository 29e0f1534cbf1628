namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>
/// Draws text over the clip. The text goes to FFmpeg in a file with expansion off, so quotes, colons, backslashes,
/// <c>%{…}</c> and line breaks show exactly as typed and never reach a filter string.
/// </summary>
public sealed class TextOverlay : LocalOperation
{
    private static readonly Dictionary<string, string> Rows = new(StringComparer.Ordinal)
    {
        ["top"] = "h*0.06",
        ["center"] = "(h-text_h)/2",
        ["bottom"] = "h*0.94-text_h",
    };

    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/text-overlay";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        string text = context.Text("text", null).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.Length is 0 or > 500)
        {
            throw new LocalOperationException("'text' must be 1 to 500 characters.");
        }

        string file = context.WriteTaskFile("overlay.txt", text);
        string row = Rows[context.Text("position", "bottom", [.. Rows.Keys])];
        string color = context.Text("color", "white", "white", "black", "yellow");
        string size = N(Math.Round(context.Number("font_size", 48, 8, 200)));
        string filter = $"drawtext=textfile={FilterEscape.Value(file)}:expansion=none:fontsize={size}:fontcolor={color}:x=(w-text_w)/2:y={row}:box=1:boxcolor=black@0.45:boxborderw=12:line_spacing=8";
        return ["-i", context.File("video"), "-vf", filter, .. H264, "-c:a", "copy", context.OutputPath];
    }
}

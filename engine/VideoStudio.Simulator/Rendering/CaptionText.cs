namespace VideoStudio.Simulator.Rendering;

/// <summary>Wraps a prompt into a few lines that fit the frame (drawtext does not wrap).</summary>
internal static class CaptionText
{
    public const int MaxLines = 4;

    /// <param name="text">The prompt.</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="fontSize">Font size in pixels; a Sans glyph is about 0.55 of it wide.</param>
    public static string Wrap(string text, int width, int fontSize)
    {
        int perLine = Math.Max(8, (int)(width * 0.9 / (fontSize * 0.55)));
        var lines = new List<string>();
        string line = string.Empty;
        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            string piece = word.Length > perLine ? word[..perLine] : word;
            if (line.Length > 0 && line.Length + 1 + piece.Length > perLine)
            {
                lines.Add(line);
                line = string.Empty;
            }

            line = line.Length == 0 ? piece : line + " " + piece;
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count > MaxLines)
        {
            lines = lines.Take(MaxLines).ToList();
            lines[^1] = (lines[^1].Length > perLine - 1 ? lines[^1][..(perLine - 1)] : lines[^1]) + "…";
        }

        return string.Join('\n', lines);
    }
}

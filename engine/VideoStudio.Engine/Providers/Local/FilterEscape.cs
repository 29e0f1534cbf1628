using System.Text;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>
/// FFmpeg's two levels of filter escaping (ffmpeg-filters, "Notes on filtergraph escaping"): a value inside a
/// filter's <c>key=value:…</c> options, then that filter inside the filtergraph. Every value that is not the
/// engine's own literal (a path, a colour, a number from the input) passes through <see cref="Value"/>; text the
/// viewer reads never enters a filter string at all (drawtext reads it from a file with expansion off).
/// </summary>
public static class FilterEscape
{
    /// <summary>A value ready to stand after <c>key=</c> in a filter of a filtergraph, read back exactly as given.</summary>
    public static string Value(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A filter value holds no line break or NUL.", nameof(value));
        }

        return Escape(Escape(value, @"\':"), @"\'[],;");
    }

    private static string Escape(string value, string special)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}

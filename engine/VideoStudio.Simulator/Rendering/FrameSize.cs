using System.Globalization;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// Frame sizes from the words models use: <c>1280*720</c>; a tier such as <c>720p</c>, <c>2k</c>, <c>4k</c> (the
/// short side); an aspect ratio such as <c>9:16</c>. Sizes are even, as H.264 with 4:2:0 chroma needs.
/// </summary>
internal static class FrameSize
{
    /// <summary>The short side when nothing says otherwise.</summary>
    public const int DefaultShortSide = 720;

    private static readonly double[] StandardAspects = [16.0 / 9, 9.0 / 16, 4.0 / 3, 3.0 / 4, 1, 21.0 / 9, 3.0 / 2, 2.0 / 3];

    public static (int Width, int Height)? ParseSize(string text)
    {
        string[] parts = text.Split('*', 'x', 'X');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int h) && w > 0 && h > 0
            ? (Even(w), Even(h))
            : null;
    }

    /// <summary>The short side of a tier: <c>480p</c> → 480, <c>2k</c> → 1440, <c>4k</c> → 2160.</summary>
    public static int? ParseTier(string text) => text.ToLowerInvariant() switch
    {
        "2k" => 1440,
        "4k" => 2160,
        var t when t.EndsWith('p') && int.TryParse(t[..^1], CultureInfo.InvariantCulture, out int lines) && lines > 0 => lines,
        _ => null,
    };

    /// <summary>Width over height of <c>16:9</c>.</summary>
    public static double? ParseAspect(string text)
    {
        string[] parts = text.Split(':');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out double w) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out double h) && w > 0 && h > 0
            ? w / h
            : null;
    }

    /// <summary>
    /// The frame whose short side is <paramref name="shortSide"/> and whose shape is <paramref name="aspect"/>. A shape
    /// within 1 % of a standard one counts as it, so 1080p of an 854x480 clip is 1920x1080, as upscalers make it.
    /// </summary>
    public static (int Width, int Height) FromTier(int shortSide, double aspect)
    {
        double snapped = StandardAspects.FirstOrDefault(a => Math.Abs(a / aspect - 1) < 0.01, aspect);
        return snapped >= 1 ? (Even(shortSide * snapped), Even(shortSide)) : (Even(shortSide), Even(shortSide / snapped));
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);
}

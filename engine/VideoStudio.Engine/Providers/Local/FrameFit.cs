using System.Globalization;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>Fitting a frame to an aspect ratio or size: crop around a focus point, or letterbox (pad) — sizes kept even for H.264.</summary>
public static class FrameFit
{
    /// <summary>Reads <c>W:H</c> (e.g. <c>9:16</c>).</summary>
    public static (int W, int H) Aspect(string aspect) =>
        aspect.Split(':') is [string w, string h]
        && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int aw) && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out int ah)
        && aw is > 0 and <= 100 && ah is > 0 and <= 100
            ? (aw, ah)
            : throw new LocalOperationException($"'{aspect}' is not an aspect ratio such as 9:16.");

    /// <summary>
    /// The filter making a <paramref name="width"/>×<paramref name="height"/> frame shaped as
    /// <paramref name="outWidth"/>×<paramref name="outHeight"/>: crop keeps the region around (focusX, focusY) (0-1 of the
    /// frame), letterbox shows the whole frame on black bars.
    /// </summary>
    public static string Filter(int width, int height, int outWidth, int outHeight, bool crop, double focusX, double focusY)
    {
        if (width <= 0 || height <= 0)
        {
            throw new LocalOperationException("The video has no picture to fit.");
        }

        string scaleTo = $"scale={outWidth}:{outHeight}:flags=lanczos,setsar=1";
        if (!crop)
        {
            return $"scale={outWidth}:{outHeight}:force_original_aspect_ratio=decrease:flags=lanczos,pad={outWidth}:{outHeight}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1";
        }

        double target = (double)outWidth / outHeight;
        int cw = width, ch = height;
        if ((double)width / height > target)
        {
            cw = Even(height * target);
        }
        else
        {
            ch = Even(width / target);
        }

        int x = (int)Math.Round(Math.Clamp((focusX * width) - (cw / 2.0), 0, width - cw));
        int y = (int)Math.Round(Math.Clamp((focusY * height) - (ch / 2.0), 0, height - ch));
        return $"crop={cw}:{ch}:{x}:{y},{scaleTo}";
    }

    /// <summary>The output size for <paramref name="aspect"/> from a source frame: its long side kept for letterbox, its short side for crop, at most 1920 px long.</summary>
    public static (int W, int H) SizeFor((int W, int H) aspect, int width, int height, bool crop)
    {
        double ratio = (double)aspect.W / aspect.H;
        double w, h;
        if (crop)
        {
            (w, h) = (double)width / height > ratio ? (height * ratio, (double)height) : ((double)width, width / ratio);
        }
        else
        {
            (w, h) = (double)width / height > ratio ? ((double)width, width / ratio) : (height * ratio, (double)height);
        }

        double shrink = Math.Min(1, 1920 / Math.Max(w, h));
        return (Even(w * shrink), Even(h * shrink));
    }

    /// <summary>The nearest even number of at least 2.</summary>
    public static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}

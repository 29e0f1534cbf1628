using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// The output one request asks for, resolved from the model's <see cref="OutputHint"/>, the input and the probed
/// media: what the renderer makes and what the cache is keyed by.
/// </summary>
/// <param name="Model">Model id, shown on generated frames.</param>
/// <param name="Caption">The prompt (may be empty), shown on generated frames.</param>
/// <param name="Seconds">Length of the new footage (of the whole output unless <paramref name="Source"/> is extended).</param>
/// <param name="Width">Frame width (even).</param>
/// <param name="Height">Frame height (even).</param>
/// <param name="Fps">Frames per second.</param>
/// <param name="Audio">Where the sound comes from.</param>
/// <param name="AudioFile">The audio input, when <see cref="AudioSource.Media"/>.</param>
/// <param name="Source">The video the output is made from (upscale, retake, extend), if any.</param>
/// <param name="Extend">Whether the output is <paramref name="Source"/> followed by <paramref name="Seconds"/> of new footage.</param>
/// <param name="Still">The image shown as the picture (first frame, portrait), if any.</param>
/// <param name="Cutout">Whether the subject of <paramref name="Source"/> is cut out of it and its background removed.</param>
/// <param name="Background">With <paramref name="Cutout"/>: the image put behind the subject; none = transparent (alpha, WebM).</param>
internal sealed record OutputShape(
    string Model,
    string Caption,
    double Seconds,
    int Width,
    int Height,
    int Fps,
    AudioSource Audio,
    MediaFacts? AudioFile,
    MediaFacts? Source,
    bool Extend,
    MediaFacts? Still,
    bool Cutout = false,
    MediaFacts? Background = null)
{
    /// <summary>Bumped whenever the rendering changes, so old cached files are not served.</summary>
    public const string RendererVersion = "3";

    /// <summary>Whether the output has an alpha channel: a cut-out without a background image.</summary>
    public bool Transparent => Cutout && Source is not null && Background is null;

    /// <summary>The whole output's length: the source plus the extension, or the new footage alone.</summary>
    public double TotalSeconds => Extend ? (Source?.Seconds ?? 0) + Seconds : Seconds;

    /// <summary>Whether the output has an audio track.</summary>
    public bool HasAudio => Audio != AudioSource.None;

    /// <summary>SHA-256 over everything that changes the bytes, input files by content.</summary>
    public async Task<string> KeyAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"v{RendererVersion}\n{Model}\n{Caption}\n{Seconds:0.###}\n{Width}x{Height}@{Fps}\n{Audio}\n{Extend}\n{Cutout}\n");
        foreach (MediaFacts? file in new[] { AudioFile, Source, Still, Background })
        {
            text.Append(file is null ? "-" : await ContentHashAsync(file.Path, cancellationToken).ConfigureAwait(false)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<string> ContentHashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

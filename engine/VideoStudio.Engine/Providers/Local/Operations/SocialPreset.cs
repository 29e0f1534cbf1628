using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>
/// A platform's delivery target, as data (<c>SocialPresets.json</c>, embedded): frame, rate, length, file size and
/// codecs. The social operation renders to it and then checks the output against it with FFprobe.
/// </summary>
/// <param name="Id">The preset's id (the <c>platform</c> input value).</param>
/// <param name="Name">Display name.</param>
/// <param name="Aspect">Frame shape, W:H.</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="Fps">Frame rate.</param>
/// <param name="MaxSeconds">Longest clip the platform takes; longer input is cut to it.</param>
/// <param name="MaxBytes">Largest file the platform takes.</param>
/// <param name="VideoCodec">Video codec (FFprobe's name).</param>
/// <param name="AudioCodec">Audio codec (FFprobe's name).</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record SocialPreset(string Id, string Name, string Aspect, int Width, int Height, int Fps, double MaxSeconds, long MaxBytes, string VideoCodec, string AudioCodec, string Source)
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    private static readonly Lazy<Dictionary<string, SocialPreset>> Loaded = new(Load);

    /// <summary>Every preset, by id.</summary>
    public static IReadOnlyDictionary<string, SocialPreset> All => Loaded.Value;

    /// <summary>Why <paramref name="output"/> misses this preset, or null when it meets every limit.</summary>
    public string? Check(MediaFacts output)
    {
        var misses = new List<string>();
        if (output.Width != Width || output.Height != Height)
        {
            misses.Add($"frame {output.Width}x{output.Height}, not {Width}x{Height}");
        }

        if (Math.Abs(output.Fps - Fps) > 0.5)
        {
            misses.Add($"{output.Fps:0.##} fps, not {Fps}");
        }

        if (output.Seconds > MaxSeconds + 0.25)
        {
            misses.Add($"{output.Seconds:0.##} s, over {MaxSeconds} s");
        }

        if (output.Bytes > MaxBytes)
        {
            misses.Add($"{output.Bytes} bytes, over {MaxBytes}");
        }

        if (output.VideoCodec != VideoCodec || (output.HasAudio && output.AudioCodec != AudioCodec))
        {
            misses.Add($"codecs {output.VideoCodec}/{output.AudioCodec ?? "no audio"}, not {VideoCodec}/{AudioCodec}");
        }

        return misses.Count == 0 ? null : $"The output does not meet the {Name} preset: {string.Join("; ", misses)}.";
    }

    private static Dictionary<string, SocialPreset> Load()
    {
        using Stream stream = typeof(SocialPreset).Assembly.GetManifestResourceStream("local/SocialPresets.json")
            ?? throw new InvalidOperationException("The social presets resource is missing from the engine assembly.");
        SocialPreset[] presets = JsonSerializer.Deserialize<SocialPreset[]>(stream, ReadOptions) ?? [];
        return presets.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }
}

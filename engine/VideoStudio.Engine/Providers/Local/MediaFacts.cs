using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>What FFprobe says a media file is: what operations fit sizes and durations by, and outputs are checked with.</summary>
/// <param name="Seconds">Duration (0 for a still).</param>
/// <param name="Width">Frame width of the first video stream (0 without one).</param>
/// <param name="Height">Frame height (0 without video).</param>
/// <param name="Fps">Frame rate of the first video stream (0 without video).</param>
/// <param name="VideoCodec">Codec of the first video stream, or null.</param>
/// <param name="AudioCodec">Codec of the first audio stream, or null when silent.</param>
/// <param name="Bytes">File size.</param>
public sealed record MediaFacts(double Seconds, int Width, int Height, double Fps, string? VideoCodec, string? AudioCodec, long Bytes)
{
    /// <summary>True when the file has an audio stream.</summary>
    public bool HasAudio => AudioCodec is not null;

    /// <summary>Reads FFprobe's <c>-show_streams -show_format</c> JSON.</summary>
    public static MediaFacts Parse(string ffprobeJson, long bytes)
    {
        JsonNode root = JsonNode.Parse(ffprobeJson) ?? new JsonObject();
        JsonArray streams = root["streams"] as JsonArray ?? [];
        JsonNode? video = streams.FirstOrDefault(s => (string?)s?["codec_type"] == "video" && (int?)s?["disposition"]?["attached_pic"] != 1);
        JsonNode? audio = streams.FirstOrDefault(s => (string?)s?["codec_type"] == "audio");
        return new MediaFacts(
            Number((string?)root["format"]?["duration"]) ?? Number((string?)video?["duration"]) ?? 0,
            (int?)video?["width"] ?? 0,
            (int?)video?["height"] ?? 0,
            Rate((string?)video?["avg_frame_rate"]) is > 0 and var avg ? avg : Rate((string?)video?["r_frame_rate"]),
            (string?)video?["codec_name"],
            (string?)audio?["codec_name"],
            bytes);
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;

    private static double Rate(string? fraction) =>
        fraction?.Split('/') is [string n, string d] && Number(n) is double num && Number(d) is > 0 and double den ? num / den : 0;
}

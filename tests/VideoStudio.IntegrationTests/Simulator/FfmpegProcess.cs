using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// The test side's own ffmpeg/ffprobe (real processes, argument lists): makes input media and reads outputs back,
/// independently of the simulator's renderer.
/// </summary>
internal static class FfmpegProcess
{
    public const string SkipReason = "ffmpeg/ffprobe are not installed (apt-get install -y ffmpeg, as .ci/run does): the simulator serves its bundled sample, so output shapes cannot be checked.";

    public static bool IsAvailable { get; } = OnPath("ffmpeg") && OnPath("ffprobe");

    /// <summary>A clip of test pattern, with a tone when <paramref name="audio"/>.</summary>
    public static Task MakeVideoAsync(string path, int width, int height, double seconds, bool audio, CancellationToken ct)
    {
        List<string> args = ["-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=12:duration={Num(seconds)}"];
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=330:duration={Num(seconds)}", "-c:a", "aac"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-t", Num(seconds), "-f", "mp4", path]);
        return RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. args], ct);
    }

    public static Task MakeImageAsync(string path, int width, int height, CancellationToken ct) =>
        RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}", "-frames:v", "1", "-f", "image2", "-c:v", "png", path], ct);

    /// <summary>A one-colour image (an ffmpeg colour name or 0xRRGGBB).</summary>
    public static Task MakeColorImageAsync(string path, int width, int height, string color, CancellationToken ct) =>
        RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"color=c={color}:s={width}x{height}", "-frames:v", "1", "-f", "image2", "-c:v", "png", path], ct);

    public static Task MakeAudioAsync(string path, double seconds, CancellationToken ct) =>
        RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=220:duration={Num(seconds)}", "-f", "wav", path], ct);

    /// <summary>What ffprobe reads from a file.</summary>
    public static async Task<Probed> ProbeAsync(string path, CancellationToken ct)
    {
        string json = await RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,width,height,avg_frame_rate:format=duration", "-of", "json", path], ct);
        JsonObject probe = JsonNode.Parse(json)!.AsObject();
        JsonObject[] streams = probe["streams"]!.AsArray().OfType<JsonObject>().ToArray();
        JsonObject video = streams.Single(s => (string?)s["codec_type"] == "video");
        string[] rate = ((string)video["avg_frame_rate"]!).Split('/');
        return new Probed(
            double.Parse((string)probe["format"]!["duration"]!, CultureInfo.InvariantCulture),
            (int)video["width"]!,
            (int)video["height"]!,
            double.Parse(rate[0], CultureInfo.InvariantCulture) / double.Parse(rate[1], CultureInfo.InvariantCulture),
            streams.Any(s => (string?)s["codec_type"] == "audio"));
    }

    /// <summary>The first frame as RGBA bytes, row by row (a WebM decoded by libvpx, which keeps VP9's alpha).</summary>
    public static async Task<byte[]> FirstFrameRgbaAsync(string path, CancellationToken ct)
    {
        string raw = path + ".rgba";
        string[] decoder = path.EndsWith(".webm", StringComparison.Ordinal) ? ["-c:v", "libvpx-vp9"] : [];
        await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. decoder, "-i", path, "-frames:v", "1", "-pix_fmt", "rgba", "-f", "rawvideo", raw], ct);
        return await File.ReadAllBytesAsync(raw, ct);
    }

    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        process.ExitCode.ShouldBe(0, $"{tool}: {await stderr}");
        return await stdout;
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A file's length, frame size, frame rate and whether it has sound.</summary>
    public sealed record Probed(double Seconds, int Width, int Height, double Fps, bool HasAudio);
}

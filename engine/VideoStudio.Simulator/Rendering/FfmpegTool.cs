using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// ffmpeg and ffprobe (Debian's <c>ffmpeg</c> package), run through CliWrap with argument lists — never a shell
/// string, so a prompt cannot become a command — and killed when the token is cancelled.
/// </summary>
internal sealed class FfmpegTool
{
    // One `ffmpeg -version` per binary per process: simulators start by the hundred in a test run.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string?>>> Versions = new(StringComparer.Ordinal);

    private FfmpegTool(string ffmpeg, string ffprobe, string version)
    {
        FfmpegPath = ffmpeg;
        FfprobePath = ffprobe;
        Version = version;
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    /// <summary>E.g. <c>5.1.9-0+deb12u1</c>.</summary>
    public string Version { get; }

    /// <summary>Finds a working ffmpeg (the configured path, else on PATH) and its ffprobe; null when there is none.</summary>
    public static async Task<FfmpegTool?> LocateAsync(string? configuredPath)
    {
        string? ffmpeg = configuredPath ?? FindOnPath("ffmpeg");
        if (ffmpeg is null || !File.Exists(ffmpeg))
        {
            return null;
        }

        string beside = Path.Combine(Path.GetDirectoryName(ffmpeg) ?? string.Empty, "ffprobe");
        string? ffprobe = File.Exists(beside) ? beside : FindOnPath("ffprobe");
        string? version = await Versions.GetOrAdd(ffmpeg, p => new Lazy<Task<string?>>(() => ReadVersionAsync(p))).Value.ConfigureAwait(false);
        return ffprobe is null || version is null ? null : new FfmpegTool(ffmpeg, ffprobe, version);
    }

    /// <summary>Runs ffmpeg; throws with its last error lines when it fails.</summary>
    public async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        BufferedCommandResult result = await Cli.Wrap(FfmpegPath).WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            string tail = string.Join(" | ", result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            throw new InvalidOperationException($"ffmpeg exited with {result.ExitCode}: {tail}");
        }
    }

    /// <summary>Length, frame size, frame rate and tracks of a file; null when ffprobe cannot read it.</summary>
    public async Task<MediaFacts?> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        BufferedCommandResult result = await Cli.Wrap(FfprobePath)
            .WithArguments(["-v", "error", "-show_entries", "stream=codec_type,width,height,avg_frame_rate:format=duration", "-of", "json", path])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || JsonNode.Parse(result.StandardOutput) is not JsonObject probe)
        {
            return null;
        }

        JsonObject[] streams = (probe["streams"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
        JsonObject? video = streams.FirstOrDefault(s => (string?)s["codec_type"] == "video");
        double? seconds = double.TryParse((string?)probe["format"]?["duration"], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
        return new MediaFacts(path, seconds, (int?)video?["width"], (int?)video?["height"], Rate((string?)video?["avg_frame_rate"]),
            video is not null, streams.Any(s => (string?)s["codec_type"] == "audio"));
    }

    private static double? Rate(string? fraction)
    {
        string[] parts = (fraction ?? string.Empty).Split('/');
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out double n) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out double m) && n > 0 && m > 0
            ? n / m
            : null;
    }

    private static async Task<string?> ReadVersionAsync(string ffmpeg)
    {
        try
        {
            BufferedCommandResult result = await Cli.Wrap(ffmpeg).WithArguments(["-hide_banner", "-version"]).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync().ConfigureAwait(false);
            string[] words = result.StandardOutput.Split(' ', 4);
            return result.ExitCode == 0 && words.Length >= 3 && words[0] == "ffmpeg" ? words[2] : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or CliWrap.Exceptions.CliWrapException)
        {
            return null; // not executable
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

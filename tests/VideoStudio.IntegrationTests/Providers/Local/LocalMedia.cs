using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>Real media for the local operations' tests: clips made by FFmpeg, outputs read back by FFprobe, tasks run to their end.</summary>
internal static class LocalMedia
{
    /// <summary>Makes a test-pattern clip (H.264, with a 440 Hz tone unless <paramref name="audio"/> is false).</summary>
    public static async Task<string> ClipAsync(string directory, string name, int width, int height, double seconds, bool audio = true, int fps = 25)
    {
        string path = Path.Combine(directory, name);
        string s = seconds.ToString(CultureInfo.InvariantCulture);
        List<string> args = ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={fps}:duration={s}"];
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={s}", "-c:a", "aac"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        await RunAsync("ffmpeg", args);
        return path;
    }

    /// <summary>
    /// A black clip (with a tone unless <paramref name="audio"/> is false); <paramref name="whiteLeftHalf"/> paints its left
    /// half white, so which side a crop kept shows in the picture.
    /// </summary>
    public static async Task<string> BlackClipAsync(string directory, string name, int width, int height, double seconds, bool audio = true, bool whiteLeftHalf = false)
    {
        string path = Path.Combine(directory, name);
        string s = seconds.ToString(CultureInfo.InvariantCulture);
        string picture = $"color=c=black:size={width}x{height}:rate=25:duration={s}" + (whiteLeftHalf ? $",drawbox=x=0:y=0:w={width / 2}:h={height}:color=white:t=fill" : "");
        List<string> args = ["-v", "error", "-y", "-f", "lavfi", "-i", picture];
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={s}", "-c:a", "aac"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        await RunAsync("ffmpeg", args);
        return path;
    }

    /// <summary>The frame at <paramref name="seconds"/> as 8-bit grey pixels (one byte each), decoded by FFmpeg.</summary>
    public static async Task<byte[]> GreyFrameAsync(string path, double seconds)
    {
        string raw = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-" + Guid.NewGuid().ToString("N") + ".gray");
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw]);
        byte[] pixels = await File.ReadAllBytesAsync(raw);
        File.Delete(raw);
        return pixels;
    }

    /// <summary>How many pixels of two frames of one size differ by more than a quarter of the grey scale (encoding noise stays far below).</summary>
    public static int PixelsApart(byte[] a, byte[] b)
    {
        a.Length.ShouldBe(b.Length, "frames of one size");
        return a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 64);
    }

    /// <summary>How many pixels are bright (text drawn on black).</summary>
    public static int BrightPixels(byte[] frame) => frame.Count(p => p > 128);

    /// <summary>Runs FFmpeg with <paramref name="arguments"/> (the tests' own renders, to compare an operation's output with).</summary>
    public static Task FfmpegAsync(params string[] arguments) => RunAsync("ffmpeg", ["-v", "error", "-y", .. arguments]);

    /// <summary>A tone as an audio file.</summary>
    public static async Task<string> ToneAsync(string directory, string name, double seconds)
    {
        string path = Path.Combine(directory, name);
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=660:sample_rate=44100:duration={seconds.ToString(CultureInfo.InvariantCulture)}", path]);
        return path;
    }

    /// <summary>What FFprobe says the file is.</summary>
    public static async Task<MediaFacts> ProbeAsync(string path) =>
        MediaFacts.Parse(await RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", path]), new FileInfo(path).Length);

    /// <summary>The integrated loudness (LUFS) FFmpeg's ebur128 filter measures.</summary>
    public static async Task<double> LoudnessAsync(string path)
    {
        string log = await RunAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", path, "-af", "ebur128", "-f", "null", "-"], stderr: true);
        string line = log.Split('\n').Last(l => l.TrimStart().StartsWith("I:", StringComparison.Ordinal));
        return double.Parse(line.Trim()[2..].Replace("LUFS", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Submits, waits for the end (bounded), and returns the finished task.</summary>
    public static async Task<ProviderTask> RunToEndAsync(IVideoProvider provider, string model, JsonObject input, CancellationToken cancellationToken)
    {
        ProviderTask task = await provider.SubmitAsync(model, input, null, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        while (task.Status is ProviderTaskStatus.Created or ProviderTaskStatus.Processing)
        {
            await Task.Delay(100, limit.Token);
            task = await provider.GetResultAsync(task.Id, limit.Token);
        }

        return task;
    }

    /// <summary>The local path of a task's one output.</summary>
    public static string OutputPath(LocalOperationsProvider provider, ProviderTask task) => provider.LocalPathOf(new Uri(task.Outputs.ShouldHaveSingleItem())).ShouldNotBeNull();

    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, bool stderr = false)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        process.ExitCode.ShouldBe(0, await error);
        return stderr ? await error : await output;
    }
}

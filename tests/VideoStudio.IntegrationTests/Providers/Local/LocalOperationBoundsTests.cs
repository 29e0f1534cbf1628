using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// The options bound every run (VideoStudio:LocalOperations): FFmpeg stopped past MaxRunTime, no more than
/// MaxConcurrentRuns at once, and a failure reported as FFmpeg's reason in one line with the input kept. FFmpeg is
/// a real stand-in process here (a shell script as <c>FfmpegPath</c>) so each bound shows exactly; FFprobe is the real one.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LocalOperationBoundsTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("local-bounds-").FullName;
    private string clip = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => clip = await LocalMedia.ClipAsync(directory, "in.mp4", 320, 240, 1);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Run_PastMaxRunTime_StoppedAndFailsSayingTheSetting()
    {
        string pidFile = Path.Combine(directory, "ffmpeg.pid");
        using LocalOperationsProvider provider = Create(Script($"echo $$ > '{pidFile}'\nexec sleep 60"), o => o.MaxRunTime = TimeSpan.FromSeconds(1));
        string video = (await provider.UploadAsync(clip, null, Token)).AbsoluteUri;
        var started = System.Diagnostics.Stopwatch.StartNew();

        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/resize", new JsonObject { ["video"] = video, ["height"] = 144 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Failed);
        task.Error.ShouldNotBeNull().ShouldContain("MaxRunTime");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(45), "stopped at the bound, not after the 60 s run");
        int pid = int.Parse(await File.ReadAllTextAsync(pidFile, Token), CultureInfo.InvariantCulture);
        File.Exists($"/proc/{pid}/status").ShouldBeFalse("the run was killed");
        File.Exists(provider.LocalPathOf(new Uri(video))!).ShouldBeTrue("a failed run keeps its input");
    }

    [Fact]
    public async Task Run_MoreTasksThanMaxConcurrentRuns_AtMostThatManyAtOnce()
    {
        string log = Path.Combine(directory, "runs.log");
        using LocalOperationsProvider provider = Create(
            Script($"echo \"start $(date +%s%N)\" >> '{log}'\nsleep 1\necho \"end $(date +%s%N)\" >> '{log}'\necho 'fake ffmpeg: no output' >&2\nexit 1"),
            o => o.MaxConcurrentRuns = 2);
        string video = (await provider.UploadAsync(clip, null, Token)).AbsoluteUri;

        ProviderTask[] tasks = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            LocalMedia.RunToEndAsync(provider, "videostudio/edit/resize", new JsonObject { ["video"] = video, ["height"] = 144 + (2 * i) }, Token)));

        tasks.ShouldAllBe(t => t.Status == ProviderTaskStatus.Failed);
        var events = (await File.ReadAllLinesAsync(log, Token)).Select(l => l.Split(' ')).Select(p => (Start: p[0] == "start", At: long.Parse(p[1], CultureInfo.InvariantCulture))).OrderBy(e => e.At).ToList();
        events.Count(e => e.Start).ShouldBe(5);
        int running = 0, most = 0;
        foreach ((bool start, _) in events)
        {
            running += start ? 1 : -1;
            most = Math.Max(most, running);
        }

        most.ShouldBe(2, "two at once, never three");
    }

    [Fact]
    public async Task Run_FfmpegFails_ItsReasonInOneLineWithoutTheWorkPath()
    {
        using LocalOperationsProvider provider = Create(Script(
            "echo \"[libx264 @ 0x55d0] width not divisible by 2\" >&2\necho \"Error while opening encoder for output stream #0:0\" >&2\necho 'Conversion failed!' >&2\nexit 1"));
        string video = (await provider.UploadAsync(clip, null, Token)).AbsoluteUri;

        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/resize", new JsonObject { ["video"] = video, ["height"] = 144 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Failed);
        task.Error.ShouldStartWith("width not divisible by 2");
        task.Error.ShouldEndWith("Error while opening encoder for output stream #0:0");
        task.Error.ShouldNotContain('\n');
        task.Error.ShouldNotContain("Conversion failed");
        File.Exists(provider.LocalPathOf(new Uri(video))!).ShouldBeTrue();
    }

    private LocalOperationsProvider Create(string ffmpeg, Action<LocalOperationsOptions>? configure = null)
    {
        var options = new LocalOperationsOptions { WorkDirectory = Path.Combine(directory, "work"), FfmpegPath = ffmpeg };
        configure?.Invoke(options);
        return new LocalOperationsProvider(options, TimeProvider.System);
    }

    private string Script(string body)
    {
        string path = Path.Combine(directory, "ffmpeg-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FFmpeg's stand-in is a POSIX shell script.");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

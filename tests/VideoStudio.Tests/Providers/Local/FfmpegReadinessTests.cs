using VideoStudio.Engine.Providers.Local;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Providers.Local;

/// <summary>
/// Whether the local operations can run is a look-up, not a launch: reading the catalog asks it on every `models` or
/// `plugins`, so it must start no process. Real files in a temporary folder stand in for FFmpeg.
/// </summary>
public sealed class FfmpegReadinessTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private LocalOperationsProvider Provider(string ffmpeg, string ffprobe) =>
        new(new LocalOperationsOptions { WorkDirectory = directory.File("work"), FfmpegPath = ffmpeg, FfprobePath = ffprobe }, TimeProvider.System);

    // An executable that leaves a mark when it is started.
    private string Tool(string name, bool executable = true)
    {
        string path = directory.File(name);
        File.WriteAllText(path, $"#!/bin/sh\ntouch '{directory.File(name + ".started")}'\n");
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    [Fact]
    public async Task UnavailableReasonAsync_BothToolsExecutable_AvailableWithoutStartingEither()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "shell scripts stand in for FFmpeg");
        using LocalOperationsProvider provider = Provider(Tool("ffmpeg"), Tool("ffprobe"));

        string? reason = await provider.UnavailableReasonAsync(TestContext.Current.CancellationToken);

        reason.ShouldBeNull();
        File.Exists(directory.File("ffmpeg.started")).ShouldBeFalse();
        File.Exists(directory.File("ffprobe.started")).ShouldBeFalse();
    }

    [Fact]
    public async Task UnavailableReasonAsync_FfprobeNotExecutable_UnavailableNamingItAndTheSetting()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        string ffprobe = Tool("ffprobe", executable: false);
        using LocalOperationsProvider provider = Provider(Tool("ffmpeg"), ffprobe);

        string? reason = await provider.UnavailableReasonAsync(TestContext.Current.CancellationToken);

        reason.ShouldNotBeNull().ShouldContain("FFmpeg is not available");
        reason.ShouldContain(ffprobe);
        reason.ShouldContain("FfprobePath");
    }
}

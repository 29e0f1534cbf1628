using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Media;

/// <summary>A local file is probed once while it stays as it was, and again as soon as it changes.</summary>
public sealed class MediaInspectorCacheTests
{
    private static readonly InputField Audio = new("audio", "string", "Audio", true, null, [], null, null, null,
        new MediaConstraint(MediaKind.Audio, [], null, null, 60, null, null, null));

    private readonly CountingProbe probe = new();

    [Fact]
    public async Task InspectAsync_SameFileTwice_ProbedOnceWithTheSameFacts()
    {
        using var dir = new TempDirectory();
        string wav = TestMedia.WriteWav(dir.File("a.wav"), 3.0);
        MediaInspector inspector = Create();

        MediaInspector.Inspection first = await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken);
        MediaInspector.Inspection second = await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken);

        probe.Calls.ShouldBe(1);
        second.Info.ShouldBe(first.Info);
        second.Info!.DurationSeconds!.Value.ShouldBe(3.0, 0.01);
    }

    [Fact]
    public async Task InspectAsync_FileRewritten_ProbedAgainAndNewLimitsApplied()
    {
        using var dir = new TempDirectory();
        string wav = TestMedia.WriteWav(dir.File("a.wav"), 3.0);
        MediaInspector inspector = Create();
        (await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken)).Issues.ShouldBeEmpty();

        TestMedia.WriteWav(wav, 61.25); // longer than the field's 60 s
        MediaInspector.Inspection after = await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken);

        probe.Calls.ShouldBe(2);
        after.Info!.DurationSeconds!.Value.ShouldBe(61.25, 0.01);
        after.Issues.ShouldContain(i => i.Code == ErrorCodes.MediaTooLong);
    }

    [Fact]
    public async Task InspectAsync_SameLengthNewerWrite_ProbedAgain()
    {
        using var dir = new TempDirectory();
        string wav = TestMedia.WriteWav(dir.File("a.wav"), 3.0);
        MediaInspector inspector = Create();
        await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken);

        File.SetLastWriteTimeUtc(wav, File.GetLastWriteTimeUtc(wav).AddSeconds(1));
        await inspector.InspectAsync(Audio, wav, TestContext.Current.CancellationToken);

        probe.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task InspectAsync_UnreadableFile_ReportedEveryTime()
    {
        using var dir = new TempDirectory();
        string junk = dir.File("junk.wav");
        await File.WriteAllTextAsync(junk, "not a media file", TestContext.Current.CancellationToken);
        MediaInspector inspector = Create();

        for (int i = 0; i < 2; i++)
        {
            (await inspector.InspectAsync(Audio, junk, TestContext.Current.CancellationToken)).Issues.ShouldContain(x => x.Code == ErrorCodes.MediaUnreadable);
        }

        probe.Calls.ShouldBe(2);
    }

    private MediaInspector Create() => new(probe, new NoHttp(), Options.Create(new VideoStudioOptions()), Options.Create(new EgressOptions()), NullLogger<MediaInspector>.Instance);

    private sealed class CountingProbe : IMediaProbe
    {
        private readonly TagLibMediaProbe real = new();
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public ValueTask<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return real.ProbeAsync(path, cancellationToken);
        }
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("local files only");
    }
}

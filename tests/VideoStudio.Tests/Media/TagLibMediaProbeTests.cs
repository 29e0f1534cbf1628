using VideoStudio.Contracts;
using VideoStudio.Engine.Media;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Media;

public sealed class TagLibMediaProbeTests
{
    private readonly TagLibMediaProbe probe = new();

    [Fact]
    public async Task ProbeAsync_Mp4_ReadsRealDurationAndDimensions()
    {
        MediaInfo info = await probe.ProbeAsync(TestPaths.Fixture("clip-7.2s.mp4"), TestContext.Current.CancellationToken);

        info.Kind.ShouldBe(MediaKind.Video);
        info.DurationSeconds!.Value.ShouldBe(7.2, 0.1);
        (info.Width, info.Height).ShouldBe((320, 180));
        info.ContentType.ShouldBe("video/mp4");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(61.25)]
    public async Task ProbeAsync_Wav_ReadsExactDuration(double seconds)
    {
        using var dir = new TempDirectory();
        string wav = TestMedia.WriteWav(dir.File("a.wav"), seconds);

        MediaInfo info = await probe.ProbeAsync(wav, TestContext.Current.CancellationToken);

        info.Kind.ShouldBe(MediaKind.Audio);
        info.DurationSeconds!.Value.ShouldBe(seconds, 0.01);
    }

    [Fact]
    public async Task ProbeAsync_Mp3_ReadsDuration()
    {
        MediaInfo info = await probe.ProbeAsync(TestPaths.Fixture("tone-12.5s.mp3"), TestContext.Current.CancellationToken);

        info.Kind.ShouldBe(MediaKind.Audio);
        info.DurationSeconds!.Value.ShouldBe(12.5, 0.2);
    }

    [Fact]
    public async Task ProbeAsync_Image_ReadsDimensions()
    {
        MediaInfo info = await probe.ProbeAsync(TestPaths.Fixture("wide-1280x720.jpg"), TestContext.Current.CancellationToken);

        info.Kind.ShouldBe(MediaKind.Image);
        (info.Width, info.Height).ShouldBe((1280, 720));
        info.DurationSeconds.ShouldBeNull();
    }

    [Fact]
    public async Task ProbeAsync_TruncatedMp4_IsUnreadableWithReason()
    {
        using var dir = new TempDirectory();
        byte[] whole = await File.ReadAllBytesAsync(TestPaths.Fixture("clip-7.2s.mp4"), TestContext.Current.CancellationToken);
        string cut = dir.File("cut.mp4");
        await File.WriteAllBytesAsync(cut, whole[..(whole.Length / 2)], TestContext.Current.CancellationToken);

        var ex = await Should.ThrowAsync<MediaUnreadableException>(() => probe.ProbeAsync(cut, TestContext.Current.CancellationToken).AsTask());

        ex.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task ProbeAsync_TruncatedWav_IsUnreadable()
    {
        using var dir = new TempDirectory();
        string wav = TestMedia.WriteWav(dir.File("a.wav"), 4);
        byte[] bytes = await File.ReadAllBytesAsync(wav, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(wav, bytes[..1000], TestContext.Current.CancellationToken);

        await Should.ThrowAsync<MediaUnreadableException>(() => probe.ProbeAsync(wav, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ProbeAsync_TextNamedMp4_IsJudgedByContentNotName()
    {
        using var dir = new TempDirectory();
        string fake = dir.File("movie.mp4");
        await File.WriteAllTextAsync(fake, "this is not a video", TestContext.Current.CancellationToken);

        var ex = await Should.ThrowAsync<MediaUnreadableException>(() => probe.ProbeAsync(fake, TestContext.Current.CancellationToken).AsTask());

        ex.Message.ShouldContain("not a media format");
    }
}

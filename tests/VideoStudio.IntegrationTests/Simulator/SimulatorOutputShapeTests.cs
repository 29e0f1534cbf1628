using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// Each task kind's output, read back with ffprobe: length, frame size, frame rate and sound follow the request and
/// the model's x-output rules. Inputs are real files made with ffmpeg and uploaded to the simulator.
/// </summary>
public sealed class SimulatorOutputShapeTests
{
    [Fact]
    public async Task TextToVideo_Seedance480pPortraitSilent_IsFourSecondsAt480x854WithoutAudio()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();

        (_, FfmpegProcess.Probed p) = await h.RunAsync("bytedance/seedance-v1.5-pro/text-to-video", new JsonObject
        {
            ["prompt"] = "a lighthouse at dusk", ["duration"] = 4, ["resolution"] = "480p", ["aspect_ratio"] = "9:16", ["generate_audio"] = false,
        }, "seedance.mp4");

        p.Seconds.ShouldBe(4, 0.1);
        (p.Width, p.Height).ShouldBe((480, 854));
        p.HasAudio.ShouldBeFalse();
    }

    [Fact]
    public async Task TextToVideo_Veo720pPortrait_Is24FpsWithAudio()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();

        (_, FfmpegProcess.Probed p) = await h.RunAsync("google/veo3.1/text-to-video", new JsonObject
        {
            ["prompt"] = "rain on a window", ["duration"] = 4, ["resolution"] = "720p", ["aspect_ratio"] = "9:16", ["generate_audio"] = true,
        }, "veo.mp4");

        p.Seconds.ShouldBe(4, 0.1);
        (p.Width, p.Height).ShouldBe((720, 1280));
        p.Fps.ShouldBe(24, 0.01);
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task TextToVideo_HunyuanSize_FollowsSizeFieldAndHasNoAudio()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/hunyuan-video-1.5/text-to-video", new JsonObject
        {
            ["prompt"] = "a fox in snow", ["size"] = "832*480", ["duration"] = 5,
        }, "hunyuan.mp4");

        p.Seconds.ShouldBe(5, 0.1);
        (p.Width, p.Height).ShouldBe((832, 480));
        p.HasAudio.ShouldBeFalse(); // the model makes no sound
    }

    [Fact]
    public async Task ImageToVideo_WanWithAudio_TakesTheImageShapeAndTheAudioTrack()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeImageAsync(h.PathFor("still.png"), 640, 480, h.Token);
        await FfmpegProcess.MakeAudioAsync(h.PathFor("music.wav"), 3.5, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("alibaba/wan-2.5/image-to-video", new JsonObject
        {
            ["image"] = await h.UploadAsync(h.PathFor("still.png"), "image/png"),
            ["audio"] = await h.UploadAsync(h.PathFor("music.wav"), "audio/wav"),
            ["prompt"] = "the pattern starts to spin", ["resolution"] = "720p", ["duration"] = 5,
        }, "wan-i2v.mp4");

        p.Seconds.ShouldBe(5, 0.1); // the 3.5 s audio is padded with silence to the requested length
        (p.Width, p.Height).ShouldBe((960, 720)); // 720p in the image's 4:3
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Upscale_FlashVsr1080p_IsTheInputResizedWithItsSound()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 3, audio: true, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/flashvsr", new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"), ["target_resolution"] = "1080p",
        }, "upscaled.mp4");

        p.Seconds.ShouldBe(3, 0.15);
        (p.Width, p.Height).ShouldBe((1920, 1080));
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Extend_SpicyEightSeconds_IsTheInputFollowedByTheExtensionWithoutAudio()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 3, audio: true, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/wan-2.2-spicy/video-extend", new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"), ["prompt"] = "keep going", ["resolution"] = "480p", ["duration"] = 8,
        }, "extended.mp4");

        p.Seconds.ShouldBe(11, 0.2);
        (p.Width, p.Height).ShouldBe((854, 480));
        p.HasAudio.ShouldBeFalse(); // WAN 2.2 Spicy makes no sound
    }

    [Fact]
    public async Task Extend_SeedanceWithAudioFromSilentInput_HasSoundAndBothLengths()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 1280, 720, 2, audio: false, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("bytedance/seedance-v1.5-pro/video-extend", new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"), ["prompt"] = "keep going", ["resolution"] = "720p", ["duration"] = 4, ["generate_audio"] = true,
        }, "extended.mp4");

        p.Seconds.ShouldBe(6, 0.2);
        (p.Width, p.Height).ShouldBe((1280, 720));
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Avatar_InfiniteTalk_IsAsLongAsItsAudioInThePortraitShape()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeImageAsync(h.PathFor("face.png"), 480, 640, h.Token);
        await FfmpegProcess.MakeAudioAsync(h.PathFor("speech.wav"), 3.5, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/infinitetalk", new JsonObject
        {
            ["image"] = await h.UploadAsync(h.PathFor("face.png"), "image/png"),
            ["audio"] = await h.UploadAsync(h.PathFor("speech.wav"), "audio/wav"),
            ["resolution"] = "480p",
        }, "avatar.mp4");

        p.Seconds.ShouldBe(3.5, 0.15);
        (p.Width, p.Height).ShouldBe((480, 640));
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Chain_TextToVideoThenUpscaleThenExtend_EndsAt1080pWithBothLengths()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();

        (string clip, FfmpegProcess.Probed first) = await h.RunAsync("bytedance/seedance-v1.5-pro/text-to-video", new JsonObject
        {
            ["prompt"] = "a kite over a beach", ["duration"] = 4, ["resolution"] = "480p", ["aspect_ratio"] = "16:9", ["generate_audio"] = true,
        }, "step1.mp4");
        (string upscaled, FfmpegProcess.Probed second) = await h.RunAsync("wavespeed-ai/flashvsr", new JsonObject
        {
            ["video"] = await h.UploadAsync(clip, "video/mp4"), ["target_resolution"] = "1080p",
        }, "step2.mp4");
        (_, FfmpegProcess.Probed last) = await h.RunAsync("alibaba/wan-2.5/video-extend", new JsonObject
        {
            ["video"] = await h.UploadAsync(upscaled, "video/mp4"), ["prompt"] = "the kite climbs higher", ["resolution"] = "1080p", ["duration"] = 3,
        }, "step3.mp4");

        (first.Width, first.Height).ShouldBe((854, 480));
        first.Seconds.ShouldBe(4, 0.1);
        (second.Width, second.Height).ShouldBe((1920, 1080));
        second.Seconds.ShouldBe(4, 0.15);
        (last.Width, last.Height).ShouldBe((1920, 1080));
        last.Seconds.ShouldBe(7, 0.25);
        last.HasAudio.ShouldBeTrue();
    }
}

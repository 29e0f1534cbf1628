using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Simulator;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// The families added from the provider catalogue get outputs shaped by their request on the simulator: a face swap
/// keeps its video (length, size, sound), a translation its video's length with a new voice track, a background
/// removal its video's length and size, an added-audio model its picture with new sound.
/// </summary>
public sealed class NewFamilyOutputShapeTests
{
    [Fact]
    public async Task FaceSwap_Video_KeepsLengthSizeAndSound()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 3, audio: true, h.Token);
        await FfmpegProcess.MakeImageAsync(h.PathFor("face.png"), 256, 256, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/video-face-swap", new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"), ["face_image"] = await h.UploadAsync(h.PathFor("face.png"), "image/png"),
        }, "swap.mp4");

        p.Seconds.ShouldBe(3, 0.15);
        (p.Width, p.Height).ShouldBe((640, 360));
        p.HasAudio.ShouldBeTrue();
    }

    [Theory]
    [InlineData("heygen/video-translate", "output_language", "Spanish")]
    [InlineData("wavespeed-ai/hunyuan-video-foley", null, null)]
    [InlineData("wavespeed-ai/think-sound", null, null)]
    public async Task NewSound_SilentVideo_KeepsLengthAndGainsAudio(string model, string? field, string? value)
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 2, audio: false, h.Token);
        var input = new JsonObject { ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4") };
        if (field is not null)
        {
            input[field] = value;
        }

        (_, FfmpegProcess.Probed p) = await h.RunAsync(model, input, "sound.mp4");

        p.Seconds.ShouldBe(2, 0.15);
        p.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task BackgroundRemover_Video_KeepsLengthAndSize()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 1280, 720, 2, audio: false, h.Token);

        (_, FfmpegProcess.Probed p) = await h.RunAsync("wavespeed-ai/video-background-remover", new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"),
        }, "cutout.mp4");

        p.Seconds.ShouldBe(2, 0.15);
        (p.Width, p.Height).ShouldBe((1280, 720));
    }
}

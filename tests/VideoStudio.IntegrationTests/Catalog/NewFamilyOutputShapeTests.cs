using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Simulator;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// The families added from the provider catalogue get outputs shaped by their request on the simulator: a face swap
/// keeps its video (length, size, sound), a translation its video's length with a new voice track, a background
/// removal its video's length and size with the background transparent (WebM with alpha) or replaced by the given
/// image, an added-audio model its picture with new sound.
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
    public async Task BackgroundRemover_NoBackgroundImage_TransparentWebmOfTheVideosLengthAndSize()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 2, audio: true, h.Token);

        (string url, string file) = await RunAsync(h, new JsonObject { ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4") }, "cutout");
        FfmpegProcess.Probed p = await FfmpegProcess.ProbeAsync(file, h.Token);
        byte[] frame = await FfmpegProcess.FirstFrameRgbaAsync(file, h.Token);

        url.ShouldEndWith(".webm");
        p.Seconds.ShouldBe(2, 0.15);
        (p.Width, p.Height).ShouldBe((640, 360));
        p.HasAudio.ShouldBeTrue();
        Alpha(frame, 640, 5, 5).ShouldBe((byte)0, "the background is removed: transparent");
        Alpha(frame, 640, 320, 180).ShouldBe((byte)255, "the subject stays opaque");
    }

    [Fact]
    public async Task BackgroundRemover_BackgroundImage_ReplacedBehindTheSubjectKeepingLengthAndSize()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        await FfmpegProcess.MakeVideoAsync(h.PathFor("in.mp4"), 640, 360, 2, audio: false, h.Token);
        byte[] before = await FfmpegProcess.FirstFrameRgbaAsync(h.PathFor("in.mp4"), h.Token);
        await FfmpegProcess.MakeColorImageAsync(h.PathFor("bg.png"), 320, 180, "red", h.Token);

        (string url, string file) = await RunAsync(h, new JsonObject
        {
            ["video"] = await h.UploadAsync(h.PathFor("in.mp4"), "video/mp4"), ["background_image"] = await h.UploadAsync(h.PathFor("bg.png"), "image/png"),
        }, "replaced");
        FfmpegProcess.Probed p = await FfmpegProcess.ProbeAsync(file, h.Token);
        byte[] after = await FfmpegProcess.FirstFrameRgbaAsync(file, h.Token);

        url.ShouldEndWith(".mp4");
        p.Seconds.ShouldBe(2, 0.15);
        (p.Width, p.Height).ShouldBe((640, 360));
        int[] corner = Rgb(after, 640, 5, 300);
        (corner[0] > 200 && corner[1] < 60 && corner[2] < 60).ShouldBeTrue($"the background is the red image, not the video's: {string.Join(',', corner)}");
        Rgb(after, 640, 320, 180).Zip(Rgb(before, 640, 320, 180)).ShouldAllBe(c => Math.Abs(c.First - c.Second) <= 32, "the subject is the video's (within coding noise)");
    }

    private static async Task<(string Url, string File)> RunAsync(OutputShapeHarness h, JsonObject input, string name)
    {
        string id = await h.Sim.SubmitAsync(input, "wavespeed-ai/video-background-remover");
        JsonObject done = await h.Sim.PollUntilTerminalAsync(id);
        done["status"]!.GetValue<string>().ShouldBe("completed", done.ToJsonString());
        string url = done["outputs"]![0]!.GetValue<string>();
        string file = h.PathFor(name + Path.GetExtension(new Uri(url).AbsolutePath));
        await File.WriteAllBytesAsync(file, await h.Sim.Anonymous.GetByteArrayAsync(url, h.Token), h.Token);
        return (url, file);
    }

    private static byte Alpha(byte[] rgba, int width, int x, int y) => rgba[((y * width) + x) * 4 + 3];

    private static int[] Rgb(byte[] rgba, int width, int x, int y) => [.. rgba.AsSpan(((y * width) + x) * 4, 3).ToArray().Select(b => (int)b)];
}

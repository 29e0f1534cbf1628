using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>Which outputs a simulator serves: the bundled sample without ffmpeg, one cached render per shape with it.</summary>
public sealed class SimulatorOutputSourceTests
{
    [Fact]
    public async Task Output_WithoutFfmpeg_IsTheBundledSampleAndSaysSo()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason); // ffprobe reads the sample back
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync(ffmpegPath: "/nonexistent/ffmpeg");

        (_, FfmpegProcess.Probed p) = await h.RunAsync(SimulatorHarness.Model, SimulatorHarness.ValidInput(), "sample.mp4");

        h.Sim.Server.ShapedOutputs.ShouldBeFalse();
        h.Sim.Server.OutputDescription.ShouldContain("sample");
        h.Sim.Server.OutputDescription.ShouldContain("ffmpeg was not found");
        p.Seconds.ShouldBe(5, 0.1);
        (p.Width, p.Height).ShouldBe((320, 180));
    }

    [Fact]
    public async Task Output_CacheFolderWithFilterGraphCharacters_StillRenders()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync(cacheName: "a:b,c;[d]'e");

        (_, FfmpegProcess.Probed p) = await h.RunAsync(SimulatorHarness.Model, new JsonObject { ["prompt"] = "paths are data", ["duration"] = 8 }, "odd.mp4");

        p.Seconds.ShouldBe(8, 0.1); // rendered, not the 5 s sample
        Directory.GetFiles(h.CacheDirectory, "*.mp4").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Output_SameShapeTwice_RendersOnceAndServesTheSameBytes()
    {
        Assert.SkipUnless(FfmpegProcess.IsAvailable, FfmpegProcess.SkipReason);
        await using OutputShapeHarness h = await OutputShapeHarness.StartAsync();
        var input = new JsonObject { ["prompt"] = "same request", ["duration"] = 6 };

        (string a, _) = await h.RunAsync(SimulatorHarness.Model, (JsonObject)input.DeepClone(), "a.mp4");
        (string b, _) = await h.RunAsync(SimulatorHarness.Model, (JsonObject)input.DeepClone(), "b.mp4");
        (string c, FfmpegProcess.Probed other) = await h.RunAsync(SimulatorHarness.Model, new JsonObject { ["prompt"] = "same request", ["duration"] = 8 }, "c.mp4");

        h.Sim.Server.ShapedOutputs.ShouldBeTrue();
        h.Sim.Server.OutputDescription.ShouldContain("rendered by ffmpeg");
        (await File.ReadAllBytesAsync(b, h.Token)).ShouldBe(await File.ReadAllBytesAsync(a, h.Token));
        (await File.ReadAllBytesAsync(c, h.Token)).ShouldNotBe(await File.ReadAllBytesAsync(a, h.Token));
        other.Seconds.ShouldBe(8, 0.1);
        Directory.GetFiles(h.CacheDirectory, "*.mp4").Length.ShouldBe(2);
    }
}

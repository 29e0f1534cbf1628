using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// Every local operation on real media, its output read back with FFprobe: duration, frame, shape, codecs, sound
/// and file size as asked, each social preset met, hostile text rendered, and a failed run reported in one line
/// with its input kept.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LocalOperationsMediaTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("local-ops-").FullName;
    private LocalOperationsProvider provider = null!;
    private string clip = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        provider = new LocalOperationsProvider(new LocalOperationsOptions { WorkDirectory = Path.Combine(directory, "work") }, TimeProvider.System);
        clip = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "in.mp4", 1280, 720, 4), null, Token)).AbsoluteUri;
    }

    public ValueTask DisposeAsync()
    {
        provider.Dispose();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Trim_StartAndEnd_KeepsThatLength()
    {
        MediaFacts output = await RunAsync("trim", new JsonObject { ["video"] = clip, ["start"] = 1, ["end"] = 3 });

        output.Seconds.ShouldBe(2, 0.15);
        output.VideoCodec.ShouldBe("h264");
        output.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Speed_Double_HalvesTheLengthWithSound()
    {
        MediaFacts output = await RunAsync("speed", new JsonObject { ["video"] = clip, ["factor"] = 2 });

        output.Seconds.ShouldBe(2, 0.15);
        output.HasAudio.ShouldBeTrue();
    }

    [Theory]
    [InlineData("crop", 404, 720)]
    [InlineData("letterbox", 1080, 1920)]
    public async Task Aspect_NineBySixteen_FrameOfThatShape(string fit, int width, int height)
    {
        MediaFacts output = await RunAsync("aspect", new JsonObject { ["video"] = clip, ["aspect"] = "9:16", ["fit"] = fit, ["focus_x"] = 0.2 });

        (output.Width, output.Height).ShouldBe((width, height));
        output.Seconds.ShouldBe(4, 0.15);
    }

    [Fact]
    public async Task Resize_To360_ShapeKept()
    {
        MediaFacts output = await RunAsync("resize", new JsonObject { ["video"] = clip, ["height"] = 360 });

        (output.Width, output.Height).ShouldBe((640, 360));
    }

    [Fact]
    public async Task Compress_TargetSize_FileWithinIt()
    {
        MediaFacts output = await RunAsync("compress", new JsonObject { ["video"] = clip, ["target_mb"] = 0.4 });

        output.Bytes.ShouldBeLessThanOrEqualTo(440_000);
        output.Seconds.ShouldBe(4, 0.15);
    }

    [Fact]
    public async Task Convert_WebM_Vp9AndOpus()
    {
        MediaFacts output = await RunAsync("convert", new JsonObject { ["video"] = clip, ["format"] = "webm" });

        output.VideoCodec.ShouldBe("vp9");
        output.AudioCodec.ShouldBe("opus");
    }

    [Fact]
    public async Task Gif_SmallWidth_AnimatedGifOfThatWidth()
    {
        MediaFacts output = await RunAsync("gif", new JsonObject { ["video"] = clip, ["width"] = 320, ["fps"] = 10 });

        output.VideoCodec.ShouldBe("gif");
        output.Width.ShouldBe(320);
        output.Seconds.ShouldBe(4, 0.3);
    }

    [Fact]
    public async Task TextOverlay_HostileText_RendersAndChangesThePicture()
    {
        const string hostile = "It's 50% off: \"now\" \\ %{localtime} [x],y;z\nsecond line ' : \\n";

        MediaFacts output = await RunAsync("text-overlay", new JsonObject { ["video"] = clip, ["text"] = hostile, ["position"] = "center" });

        output.VideoCodec.ShouldBe("h264");
        output.Seconds.ShouldBe(4, 0.15);
    }

    [Fact]
    public async Task Captions_Srt_BurnedIn()
    {
        MediaFacts output = await RunAsync("captions", new JsonObject { ["video"] = clip, ["srt"] = "1\n00:00:00,200 --> 00:00:02,000\nIt's: [here], 100%\n\n2\n00:00:02,100 --> 00:00:03,800\n\\N second\n" });

        output.VideoCodec.ShouldBe("h264");
        output.HasAudio.ShouldBeTrue();
    }

    [Fact]
    public async Task Loudness_MinusFourteen_MeasuresNearIt()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/loudness", new JsonObject { ["video"] = clip, ["target_lufs"] = -14 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        (await LocalMedia.LoudnessAsync(LocalMedia.OutputPath(provider, task))).ShouldBe(-14, 1.5);
    }

    [Fact]
    public async Task Volume_Minus12_Quieter()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/volume", new JsonObject { ["video"] = clip, ["gain_db"] = -12 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        double before = await LocalMedia.LoudnessAsync(provider.LocalPathOf(new Uri(clip))!);
        (await LocalMedia.LoudnessAsync(LocalMedia.OutputPath(provider, task))).ShouldBe(before - 12, 1.5);
    }

    [Theory]
    [InlineData("replace")]
    [InlineData("mix")]
    public async Task Soundtrack_AudioFile_ClipLengthWithSound(string mode)
    {
        string audio = (await provider.UploadAsync(await LocalMedia.ToneAsync(directory, "tone.wav", 6), null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("soundtrack", new JsonObject { ["video"] = clip, ["audio"] = audio, ["mode"] = mode });

        output.AudioCodec.ShouldBe("aac");
        output.Seconds.ShouldBe(4, 0.2);
    }

    [Fact]
    public async Task Poster_Png_OneFrameScaled()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/poster", new JsonObject { ["video"] = clip, ["at_seconds"] = 2, ["format"] = "png", ["width"] = 640 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        LocalMedia.OutputPath(provider, task).ShouldEndWith(".png");
        MediaFacts output = await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task));
        (output.VideoCodec, output.Width, output.Height).ShouldBe(("png", 640, 360));
    }

    [Fact]
    public async Task Concat_DifferentSizesWithCrossfade_FittedToTheFirstFrame()
    {
        string second = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "b.mp4", 640, 480, 3, audio: false), null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("concat", new JsonObject { ["video"] = clip, ["second"] = second, ["crossfade"] = 0.5 });

        (output.Width, output.Height).ShouldBe((1280, 720));
        output.Seconds.ShouldBe(6.5, 0.25);
        output.HasAudio.ShouldBeTrue("a silent clip contributes silence");
    }

    [Theory]
    [InlineData("tiktok")]
    [InlineData("instagram-reels")]
    [InlineData("youtube-shorts")]
    [InlineData("youtube")]
    [InlineData("linkedin")]
    [InlineData("x")]
    public async Task Social_EachPreset_OutputMeetsIt(string platform)
    {
        Engine.Providers.Local.Operations.SocialPreset preset = Engine.Providers.Local.Operations.SocialPreset.All[platform];

        MediaFacts output = await RunAsync("social", new JsonObject { ["video"] = clip, ["platform"] = platform });

        (output.Width, output.Height).ShouldBe((preset.Width, preset.Height));
        output.Fps.ShouldBe(preset.Fps, 0.5);
        output.Seconds.ShouldBeLessThanOrEqualTo(preset.MaxSeconds);
        output.Bytes.ShouldBeLessThanOrEqualTo(preset.MaxBytes);
        (output.VideoCodec, output.AudioCodec).ShouldBe((preset.VideoCodec, preset.AudioCodec));
        preset.Check(output).ShouldBeNull();
    }

    [Fact]
    public async Task Run_OutputOverTheLimit_FailsInOneLineAndKeepsItsInput()
    {
        using var small = new LocalOperationsProvider(new LocalOperationsOptions { WorkDirectory = Path.Combine(directory, "work"), MaxOutputBytes = 4096 }, TimeProvider.System);

        ProviderTask task = await LocalMedia.RunToEndAsync(small, "videostudio/edit/resize", new JsonObject { ["video"] = clip, ["height"] = 720 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Failed);
        task.Error.ShouldNotBeNull().ShouldContain("MaxOutputBytes");
        task.Error.ShouldNotContain('\n');
        File.Exists(provider.LocalPathOf(new Uri(clip))!).ShouldBeTrue("a failed run keeps its input");
    }

    [Fact]
    public async Task Run_FfmpegRefusesTheInput_ReasonInOneLine()
    {
        string notAudio = Path.Combine(directory, "fake.mp3");
        await File.WriteAllTextAsync(notAudio, "this is not audio", Token);
        string audio = (await provider.UploadAsync(notAudio, null, Token)).AbsoluteUri;

        var error = await Should.ThrowAsync<ProviderException>(() => provider.SubmitAsync("videostudio/edit/soundtrack", new JsonObject { ["video"] = clip, ["audio"] = audio }, null, Token));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        error.NothingCreated.ShouldBeTrue();
        error.Message.ShouldNotContain('\n');
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/media/clip.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("local://elsewhere/passwd")]
    public async Task Submit_InputNotAnUploadOrOutput_RefusedBeforeAnythingRuns(string video)
    {
        var error = await Should.ThrowAsync<ProviderException>(() => provider.SubmitAsync("videostudio/edit/trim", new JsonObject { ["video"] = video }, null, Token));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        error.Message.ShouldContain("only uploads and job outputs");
        (await provider.ListTasksAsync(new ProviderTaskQuery(null, null, null), Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Download_FileOutsideItsStore_Refused() =>
        (await Should.ThrowAsync<ProviderException>(() => provider.DownloadAsync(new Uri("file:///etc/hostname"), Path.Combine(directory, "x"), null, Token)))
            .Kind.ShouldBe(ProviderErrorKind.InvalidRequest);

    [Fact]
    public async Task GetResult_TaskLostByAStoppedProcess_RunsAgainToCompletion()
    {
        string work = Path.Combine(directory, "work");
        var first = new LocalOperationsProvider(new LocalOperationsOptions { WorkDirectory = work }, TimeProvider.System);
        ProviderTask submitted = await first.SubmitAsync("videostudio/edit/resize", new JsonObject { ["video"] = clip, ["height"] = 480 }, null, Token);
        first.Dispose(); // the process stops mid-run

        using var next = new LocalOperationsProvider(new LocalOperationsOptions { WorkDirectory = work }, TimeProvider.System);
        ProviderTask task = submitted;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (task.Status is ProviderTaskStatus.Processing)
        {
            await Task.Delay(100, limit.Token);
            task = await next.GetResultAsync(submitted.Id, limit.Token);
        }

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        (await LocalMedia.ProbeAsync(LocalMedia.OutputPath(next, task))).Height.ShouldBe(480);
    }

    private async Task<MediaFacts> RunAsync(string operation, JsonObject input)
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/" + operation, input, Token);
        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        return await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task));
    }
}

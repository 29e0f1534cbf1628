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

        ShouldBeClip(output, 2, 1280, 720);
    }

    [Fact]
    public async Task Trim_StartAndDuration_KeepsThatLength()
    {
        MediaFacts output = await RunAsync("trim", new JsonObject { ["video"] = clip, ["start"] = 0.5, ["duration"] = 1.5 });

        ShouldBeClip(output, 1.5, 1280, 720);
    }

    [Fact]
    public async Task Speed_Double_HalvesTheLengthWithSound()
    {
        MediaFacts output = await RunAsync("speed", new JsonObject { ["video"] = clip, ["factor"] = 2 });

        ShouldBeClip(output, 2, 1280, 720);
    }

    [Fact]
    public async Task Speed_Half_DoublesTheLengthWithSound()
    {
        MediaFacts output = await RunAsync("speed", new JsonObject { ["video"] = clip, ["factor"] = 0.5 });

        ShouldBeClip(output, 8, 1280, 720, tolerance: 0.3);
    }

    [Theory]
    [InlineData("crop", 404, 720)]
    [InlineData("letterbox", 1080, 1920)]
    public async Task Aspect_NineBySixteen_FrameOfThatShape(string fit, int width, int height)
    {
        MediaFacts output = await RunAsync("aspect", new JsonObject { ["video"] = clip, ["aspect"] = "9:16", ["fit"] = fit, ["focus_x"] = 0.2 });

        ShouldBeClip(output, 4, width, height);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, false)]
    public async Task Aspect_CropAroundAFocusPoint_KeepsThatSideOfThePicture(double focusX, bool white)
    {
        string halves = (await provider.UploadAsync(await LocalMedia.BlackClipAsync(directory, "halves.mp4", 1280, 720, 1, whiteLeftHalf: true), null, Token)).AbsoluteUri;

        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/aspect", new JsonObject { ["video"] = halves, ["aspect"] = "9:16", ["fit"] = "crop", ["focus_x"] = focusX }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        byte[] frame = await LocalMedia.GreyFrameAsync(LocalMedia.OutputPath(provider, task), 0.5);
        double brightShare = (double)LocalMedia.BrightPixels(frame) / frame.Length;
        brightShare.ShouldBe(white ? 1 : 0, 0.02, $"focus_x {focusX} keeps the {(white ? "white left" : "black right")} side");
    }

    [Fact]
    public async Task Resize_To360_ShapeKept()
    {
        MediaFacts output = await RunAsync("resize", new JsonObject { ["video"] = clip, ["height"] = 360 });

        ShouldBeClip(output, 4, 640, 360);
    }

    [Fact]
    public async Task Compress_TargetSize_FileWithinIt()
    {
        MediaFacts output = await RunAsync("compress", new JsonObject { ["video"] = clip, ["target_mb"] = 0.4 });

        output.Bytes.ShouldBeLessThanOrEqualTo(440_000);
        ShouldBeClip(output, 4, 1280, 720);
    }

    [Fact]
    public async Task Compress_LowerQuality_SmallerFileSamePicture()
    {
        MediaFacts fine = await RunAsync("compress", new JsonObject { ["video"] = clip, ["quality"] = 18 });
        MediaFacts coarse = await RunAsync("compress", new JsonObject { ["video"] = clip, ["quality"] = 38 });

        ShouldBeClip(coarse, 4, 1280, 720);
        coarse.Bytes.ShouldBeLessThan(fine.Bytes / 2, "CRF 38 against 18");
    }

    [Fact]
    public async Task Convert_WebM_Vp9AndOpus()
    {
        MediaFacts output = await RunAsync("convert", new JsonObject { ["video"] = clip, ["format"] = "webm" });

        ShouldBeClip(output, 4, 1280, 720, video: "vp9", audio: "opus");
    }

    [Fact]
    public async Task Convert_Mp4_H264AndAac()
    {
        string webm = Path.Combine(directory, "in.webm");
        await LocalMedia.FfmpegAsync("-i", provider.LocalPathOf(new Uri(clip))!, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", webm);
        string source = (await provider.UploadAsync(webm, null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("convert", new JsonObject { ["video"] = source, ["format"] = "mp4" });

        ShouldBeClip(output, 4, 1280, 720);
    }

    [Fact]
    public async Task Gif_SmallWidth_AnimatedGifOfThatWidth()
    {
        MediaFacts output = await RunAsync("gif", new JsonObject { ["video"] = clip, ["width"] = 320, ["fps"] = 10 });

        ShouldBeClip(output, 4, 320, 180, video: "gif", audio: null, tolerance: 0.3);
    }

    [Fact]
    public async Task TextOverlay_HostileText_RendersExactlyAsTyped()
    {
        const string hostile = "It's 50% off: \"now\" \\ %{localtime} [x],y;z\nsecond line ' : \\n";
        string black = (await provider.UploadAsync(await LocalMedia.BlackClipAsync(directory, "black.mp4", 1280, 720, 2), null, Token)).AbsoluteUri;
        string source = provider.LocalPathOf(new Uri(black))!;

        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/text-overlay", new JsonObject { ["video"] = black, ["text"] = hostile, ["position"] = "center" }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        string output = LocalMedia.OutputPath(provider, task);
        ShouldBeClip(await LocalMedia.ProbeAsync(output), 2, 1280, 720);
        byte[] drawn = await LocalMedia.GreyFrameAsync(output, 1);
        LocalMedia.BrightPixels(drawn).ShouldBeGreaterThan(2000, "the text is drawn");
        // The test's own render of the same characters, read from a file with expansion off, is the literal text;
        // the readings a broken escape gives (cut at the first colon, one line, %{localtime} expanded) are not.
        LocalMedia.PixelsApart(drawn, await RenderTextAsync(source, hostile)).ShouldBeLessThan(100, "drawn exactly as typed");
        LocalMedia.PixelsApart(drawn, await RenderTextAsync(source, "It's 50% off")).ShouldBeGreaterThan(1000, "not cut at the first colon");
        LocalMedia.PixelsApart(drawn, await RenderTextAsync(source, hostile.Split('\n')[0])).ShouldBeGreaterThan(1000, "the second line is drawn");
        LocalMedia.PixelsApart(drawn, await RenderTextAsync(source, hostile.Replace("%{localtime}", "Tue Dec  8 01:00:00 2026", StringComparison.Ordinal))).ShouldBeGreaterThan(500, "%{localtime} is not expanded");
    }

    [Fact]
    public async Task Captions_Srt_BurnedInDuringTheirCuesOnly()
    {
        string black = (await provider.UploadAsync(await LocalMedia.BlackClipAsync(directory, "black-captions.mp4", 1280, 720, 4), null, Token)).AbsoluteUri;

        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/captions",
            new JsonObject { ["video"] = black, ["srt"] = "1\n00:00:00,200 --> 00:00:02,000\nIt's: [here], 100%\n\n2\n00:00:02,100 --> 00:00:02,800\n\\N second\n" }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        string output = LocalMedia.OutputPath(provider, task);
        ShouldBeClip(await LocalMedia.ProbeAsync(output), 4, 1280, 720);
        LocalMedia.BrightPixels(await LocalMedia.GreyFrameAsync(output, 1)).ShouldBeGreaterThan(300, "the first cue is on the picture at 1 s");
        LocalMedia.BrightPixels(await LocalMedia.GreyFrameAsync(output, 3.5)).ShouldBeLessThan(20, "no cue after 2.8 s");
    }

    [Fact]
    public async Task Captions_SrtFfmpegCannotRead_FailsWithFfmpegsReasonInOneLineAndKeepsTheInput()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/captions", new JsonObject { ["video"] = clip, ["srt"] = "1\nsoon --> later\nhello\n" }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Failed);
        string error = task.Error.ShouldNotBeNull();
        error.ShouldContain("Unable to open", Case.Sensitive, "FFmpeg's own reason, first");
        error.ShouldNotContain('\n');
        error.ShouldNotContain(directory, Case.Sensitive, "no server path in a job's error");
        File.Exists(provider.LocalPathOf(new Uri(clip))!).ShouldBeTrue("a failed run keeps its input");
    }

    [Fact]
    public async Task Loudness_MinusFourteen_MeasuresNearIt()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/loudness", new JsonObject { ["video"] = clip, ["target_lufs"] = -14 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        ShouldBeClip(await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task)), 4, 1280, 720);
        (await LocalMedia.LoudnessAsync(LocalMedia.OutputPath(provider, task))).ShouldBe(-14, 1.5);
    }

    [Fact]
    public async Task Volume_Minus12_Quieter()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/volume", new JsonObject { ["video"] = clip, ["gain_db"] = -12 }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        ShouldBeClip(await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task)), 4, 1280, 720);
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

        ShouldBeClip(output, 4, 1280, 720, tolerance: 0.2);
    }

    [Fact]
    public async Task Soundtrack_SilentClipGivenSound_HasTheSound()
    {
        string silent = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "silent.mp4", 640, 360, 3, audio: false), null, Token)).AbsoluteUri;
        string audio = (await provider.UploadAsync(await LocalMedia.ToneAsync(directory, "tone2.wav", 2), null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("soundtrack", new JsonObject { ["video"] = silent, ["audio"] = audio, ["mode"] = "mix" });

        ShouldBeClip(output, 3, 640, 360, tolerance: 0.2); // a mix over no sound is the file alone, padded to the clip
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
    public async Task Poster_Default_FullSizeJpeg()
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/poster", new JsonObject { ["video"] = clip }, Token);

        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        LocalMedia.OutputPath(provider, task).ShouldEndWith(".jpg");
        MediaFacts output = await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task));
        (output.VideoCodec, output.Width, output.Height, output.HasAudio).ShouldBe(("mjpeg", 1280, 720, false));
    }

    [Fact]
    public async Task Concat_DifferentSizesWithCrossfade_FittedToTheFirstFrame()
    {
        string second = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "b.mp4", 640, 480, 3, audio: false), null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("concat", new JsonObject { ["video"] = clip, ["second"] = second, ["crossfade"] = 0.5 });

        ShouldBeClip(output, 6.5, 1280, 720, tolerance: 0.25); // the silent clip contributes silence
    }

    [Fact]
    public async Task Concat_ThreeClipsNoCrossfade_LengthsAddUpInTheFirstFrame()
    {
        string second = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "c2.mp4", 720, 1280, 2), null, Token)).AbsoluteUri;
        string third = (await provider.UploadAsync(await LocalMedia.ClipAsync(directory, "c3.mp4", 640, 360, 1.5, audio: false), null, Token)).AbsoluteUri;

        MediaFacts output = await RunAsync("concat", new JsonObject { ["video"] = clip, ["second"] = second, ["third"] = third });

        ShouldBeClip(output, 7.5, 1280, 720, tolerance: 0.25);
        output.Fps.ShouldBe(30, 0.5);
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
        output.Seconds.ShouldBe(Math.Min(4, preset.MaxSeconds), 0.15);
        (int aspectWidth, int aspectHeight) = FrameFit.Aspect(preset.Aspect);
        ((double)output.Width / output.Height).ShouldBe((double)aspectWidth / aspectHeight, 0.01);
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

    // What every video output is checked for: length, frame, codecs and sound.
    private static void ShouldBeClip(MediaFacts output, double seconds, int width, int height, string video = "h264", string? audio = "aac", double tolerance = 0.15)
    {
        output.Seconds.ShouldBe(seconds, tolerance);
        (output.Width, output.Height).ShouldBe((width, height));
        (output.VideoCodec, output.AudioCodec).ShouldBe((video, audio));
    }

    // The overlay as the test draws it itself: the characters from a file, expansion off, the operation's look.
    private async Task<byte[]> RenderTextAsync(string source, string text)
    {
        string name = Guid.NewGuid().ToString("N");
        string file = Path.Combine(directory, name + ".txt");
        await File.WriteAllTextAsync(file, text, new System.Text.UTF8Encoding(false), Token);
        string output = Path.Combine(directory, name + ".mp4");
        await LocalMedia.FfmpegAsync("-i", source, "-vf",
            $"drawtext=textfile={file}:expansion=none:fontsize=48:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2:box=1:boxcolor=black@0.45:boxborderw=12:line_spacing=8",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-an", output);
        return await LocalMedia.GreyFrameAsync(output, 1);
    }

    private async Task<MediaFacts> RunAsync(string operation, JsonObject input)
    {
        ProviderTask task = await LocalMedia.RunToEndAsync(provider, "videostudio/edit/" + operation, input, Token);
        task.Status.ShouldBe(ProviderTaskStatus.Completed, task.Error);
        return await LocalMedia.ProbeAsync(LocalMedia.OutputPath(provider, task));
    }
}

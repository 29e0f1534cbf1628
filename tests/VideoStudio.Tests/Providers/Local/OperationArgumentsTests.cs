using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers.Local;
using VideoStudio.Engine.Providers.Local.Operations;

namespace VideoStudio.Tests.Providers.Local;

/// <summary>
/// FFmpeg's arguments as the operations build them: every value its own argument (no shell, nothing concatenated
/// into one command line), hostile text kept out of every filter string, values refused outside their range.
/// </summary>
public sealed class OperationArgumentsTests : IDisposable
{
    private const string Hostile = "It's 50% off: \"now\" \\ %{localtime} [x],y;z\nsecond line";
    private readonly string directory = Directory.CreateTempSubdirectory("local-args-").FullName;
    private static readonly MediaFacts Hd = new(8, 1920, 1080, 30, "h264", "aac", 5_000_000);

    [Fact]
    public void TextOverlay_HostileText_WrittenVerbatimToAFileAndAbsentFromArguments()
    {
        OperationContext context = Context(new JsonObject { ["video"] = "v", ["text"] = Hostile });

        IReadOnlyList<string> args = new TextOverlay().Arguments(context);

        File.ReadAllText(Path.Combine(directory, "overlay.txt")).ShouldBe(Hostile);
        args.ShouldNotContain(a => a.Contains("50%", StringComparison.Ordinal) || a.Contains("%{", StringComparison.Ordinal));
        string filter = args[args.ToList().IndexOf("-vf") + 1];
        filter.ShouldContain("expansion=none");
        filter.ShouldContain("textfile=");
    }

    [Fact]
    public void TextOverlay_WindowsLineEndings_NormalisedToOneBreak()
    {
        new TextOverlay().Arguments(Context(new JsonObject { ["video"] = "v", ["text"] = "a\r\nb" }));

        File.ReadAllText(Path.Combine(directory, "overlay.txt")).ShouldBe("a\nb");
    }

    [Fact]
    public void Captions_SrtText_GoesToAFileNeverIntoTheFilter()
    {
        const string srt = "1\n00:00:00,000 --> 00:00:02,000\nIt's: [here], \\o/ %{pts}\n";

        IReadOnlyList<string> args = new Captions().Arguments(Context(new JsonObject { ["video"] = "v", ["srt"] = srt }));

        File.ReadAllText(Path.Combine(directory, "captions.srt")).ShouldBe(srt);
        args.ShouldNotContain(a => a.Contains("%{pts}", StringComparison.Ordinal));
    }

    [Fact]
    public void Captions_NotSrt_Refused() =>
        Should.Throw<LocalOperationException>(() => new Captions().Arguments(Context(new JsonObject { ["video"] = "v", ["srt"] = "just words" })));

    [Fact]
    public void Trim_StartAndEnd_SeekAndLengthAsSeparateArguments()
    {
        IReadOnlyList<string> args = new Trim().Arguments(Context(new JsonObject { ["video"] = "v", ["start"] = 1.5, ["end"] = 6 }));

        args.Take(6).ShouldBe(["-ss", "1.5", "-i", "/media/in.mp4", "-t", "4.5"]);
        args[^1].ShouldBe(Path.Combine(directory, "out.mp4"));
    }

    [Fact]
    public void Trim_EndBeforeStart_Refused() =>
        Should.Throw<LocalOperationException>(() => new Trim().Arguments(Context(new JsonObject { ["video"] = "v", ["start"] = 5, ["end"] = 2 })))
            .Message.ShouldContain("must come after");

    [Theory]
    [InlineData(0.1)]
    [InlineData(5)]
    public void Speed_OutOfRange_Refused(double factor) =>
        Should.Throw<LocalOperationException>(() => new Speed().Arguments(Context(new JsonObject { ["video"] = "v", ["factor"] = factor })));

    [Fact]
    public void Speed_FourTimes_ChainsTempoWithinItsRange()
    {
        IReadOnlyList<string> args = new Speed().Arguments(Context(new JsonObject { ["video"] = "v", ["factor"] = 4 }));

        args[args.ToList().IndexOf("-filter:a") + 1].ShouldBe("atempo=2,atempo=2");
    }

    [Fact]
    public void Social_Reels_CropsToItsFrameAtItsRateWithinItsLength()
    {
        IReadOnlyList<string> args = new Social().Arguments(Context(new JsonObject { ["video"] = "v", ["platform"] = "instagram-reels" }, Hd with { Seconds = 120 }));

        args[args.ToList().IndexOf("-t") + 1].ShouldBe("90");
        string filter = args[args.ToList().IndexOf("-vf") + 1];
        filter.ShouldStartWith("crop=608:1080:656:0,scale=1080:1920");
        filter.ShouldEndWith("fps=30");
    }

    [Fact]
    public void SocialPreset_OutputOffPreset_SaysEachMiss()
    {
        SocialPreset reels = SocialPreset.All["instagram-reels"];

        string? miss = reels.Check(new MediaFacts(95, 1920, 1080, 25, "vp9", "opus", 400_000_000));

        miss.ShouldNotBeNull();
        miss.ShouldContain("1920x1080");
        miss.ShouldContain("25 fps");
        miss.ShouldContain("over 90 s");
        miss.ShouldContain("over 300000000");
        reels.Check(new MediaFacts(8, 1080, 1920, 30, "h264", "aac", 2_000_000)).ShouldBeNull();
    }

    [Fact]
    public void SocialPresets_SixPlatforms_AllDefined() =>
        SocialPreset.All.Keys.Order(StringComparer.Ordinal).ShouldBe(["instagram-reels", "linkedin", "tiktok", "x", "youtube", "youtube-shorts"]);

    [Theory]
    [InlineData(1920, 1080, "9:16", true, 608, 1080)]
    [InlineData(1920, 1080, "9:16", false, 1080, 1920)]
    [InlineData(1080, 1920, "16:9", true, 1080, 608)]
    [InlineData(1280, 720, "1:1", true, 720, 720)]
    public void FrameFit_SizeFor_KeepsEvenSizesOfTheAskedShape(int w, int h, string aspect, bool crop, int ew, int eh) =>
        FrameFit.SizeFor(FrameFit.Aspect(aspect), w, h, crop).ShouldBe((ew, eh));

    [Fact]
    public void Compress_TargetTooSmall_Refused() =>
        Should.Throw<LocalOperationException>(() => Compress.VideoKbps(10_000, 60, 96));

    [Fact]
    public void Concat_CrossfadeLongerThanAClip_Refused() =>
        Should.Throw<LocalOperationException>(() => new Concat().Arguments(new OperationContext(
            new JsonObject { ["video"] = "a", ["second"] = "b", ["crossfade"] = 2 },
            new Dictionary<string, string> { ["video"] = "/a.mp4", ["second"] = "/b.mp4" },
            new Dictionary<string, MediaFacts> { ["video"] = Hd, ["second"] = Hd with { Seconds = 1.5 } },
            directory, Path.Combine(directory, "out.mp4"))));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private OperationContext Context(JsonObject input, MediaFacts? facts = null) => new(
        input,
        new Dictionary<string, string> { ["video"] = "/media/in.mp4" },
        new Dictionary<string, MediaFacts> { ["video"] = facts ?? Hd },
        directory,
        Path.Combine(directory, "out.mp4"));
}

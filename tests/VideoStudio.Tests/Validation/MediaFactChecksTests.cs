using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Validation;

/// <summary>
/// <c>x-media.against</c>: the WAN 2.5, FlashVSR and Kandinsky checks that were plugin rules, now declared in their
/// schemas and enforced by one engine mechanism, with the codes, paths and severities the rules had.
/// </summary>
public sealed class MediaFactChecksTests
{
    private const string Wan = "alibaba/wan-2.5/text-to-video";
    private const string FlashVsr = "wavespeed-ai/flashvsr";
    private const string Kandinsky = "wavespeed-ai/kandinsky5-pro/image-to-video";

    private static MediaInfo Video(int w, int h) => new(MediaKind.Video, 1000, 10, w, h, "video/mp4");

    private static MediaInfo Image(int w, int h) => new(MediaKind.Image, 1000, null, w, h, "image/png");

    private static MediaInfo Audio(double seconds) => new(MediaKind.Audio, 1000, seconds, null, null, "audio/wav");

    private static async Task<ValidationIssue[]> CheckAsync(string modelId, string input, string field, MediaInfo media)
    {
        ModelDefinition model = (await SharedCatalog.GetAsync()).Registry.Find(modelId);
        return MediaFactChecks.Check(model.Schema, JsonNode.Parse(input)!.AsObject(), new Dictionary<string, MediaInfo> { [field] = media }).ToArray();
    }

    [Theory]
    [InlineData(12.4, 5, "audio_longer_than_clip")]
    [InlineData(3.2, 5, "audio_shorter_than_clip")]
    [InlineData(8, 10, "audio_shorter_than_clip")]
    public async Task Check_WanAudioOfAnotherLength_WarnsAtAudioNamingDuration(double audioSeconds, int duration, string code)
    {
        ValidationIssue issue = (await CheckAsync(Wan, $$"""{"prompt":"p","duration":{{duration}}}""", "audio", Audio(audioSeconds))).ShouldHaveSingleItem();

        issue.Code.ShouldBe(code);
        issue.Path.ShouldBe("/audio");
        issue.Severity.ShouldBe(IssueSeverity.Warning);
        issue.Message.ShouldContain("/duration");
        issue.Message.ShouldContain($"({duration} s)");
    }

    [Theory]
    [InlineData(5.4, 5)]
    [InlineData(4.6, 5)]
    [InlineData(10, 10)]
    public async Task Check_WanAudioWithinHalfASecond_NoWarning(double audioSeconds, int duration)
    {
        (await CheckAsync(Wan, $$"""{"prompt":"p","duration":{{duration}}}""", "audio", Audio(audioSeconds))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1920, 1080, "1080p")]
    [InlineData(3840, 2160, "2k")]
    [InlineData(2160, 3840, "4k")]
    public async Task Check_FlashVsrSourceAtOrAboveTarget_WarnsChangesNothingAtTargetWithFix(int w, int h, string target)
    {
        ValidationIssue issue = (await CheckAsync(FlashVsr, $$"""{"video":"v.mp4","target_resolution":"{{target}}"}""", "video", Video(w, h))).ShouldHaveSingleItem();

        issue.Code.ShouldBe(ErrorCodes.ChangesNothing);
        issue.Path.ShouldBe("/target_resolution");
        issue.Severity.ShouldBe(IssueSeverity.Warning);
        issue.Message.ShouldStartWith($"/video is {w}x{h}");
        issue.Message.ShouldContain("Choose a higher /target_resolution");
    }

    [Theory]
    [InlineData(1280, 720, "1080p")]
    [InlineData(1920, 1080, "2k")]
    public async Task Check_FlashVsrSourceBelowTarget_NoWarning(int w, int h, string target)
    {
        (await CheckAsync(FlashVsr, $$"""{"video":"v.mp4","target_resolution":"{{target}}"}""", "video", Video(w, h))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_KandinskyImageBelowTier_WarnsAtImage()
    {
        ValidationIssue issue = (await CheckAsync(Kandinsky, """{"image":"i.png","prompt":"p","resolution":"1024p"}""", "image", Image(800, 600))).ShouldHaveSingleItem();

        issue.Code.ShouldBe("image_smaller_than_output");
        issue.Path.ShouldBe("/image");
        issue.Message.ShouldContain("/resolution (1024p = 1024 px)");
        issue.Message.ShouldContain("Use a larger /image");
    }

    [Fact]
    public async Task Check_KandinskyImageAtLeastTier_NoWarning()
    {
        (await CheckAsync(Kandinsky, """{"image":"i.png","prompt":"p","resolution":"512p"}""", "image", Image(800, 600))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_RealWavLongerThanWanClip_WarnsThroughThePipeline()
    {
        using var dir = new TempDirectory();
        var input = new JsonObject { ["prompt"] = "a drummer on a rooftop", ["audio"] = TestMedia.WriteWav(dir.File("long.wav"), 12), ["duration"] = 10 };

        ValidationReport report = await SharedCatalog.Studio.ValidateAsync(Wan, input, TestContext.Current.CancellationToken);

        report.Errors.ShouldBeEmpty();
        report.Warnings.ShouldContain(w => w.Path == "/audio" && w.Code == "audio_longer_than_clip");
    }

    [Fact]
    public async Task Validate_RealSmallPngForKandinsky1024p_WarnsThroughThePipeline()
    {
        var input = new JsonObject { ["image"] = TestPaths.Fixture("square-640.png"), ["prompt"] = "the cup steams", ["resolution"] = "1024p" };

        ValidationReport report = await SharedCatalog.Studio.ValidateAsync(Kandinsky, input, TestContext.Current.CancellationToken);

        report.Warnings.ShouldContain(w => w.Path == "/image" && w.Code == "image_smaller_than_output");
    }

    [Theory]
    [InlineData("""{"fact":"seconds","field":"nope","when":"above","code":"c","effect":"e","fix":"f"}""", "'nope', which is not another non-media field")]
    [InlineData("""{"fact":"width","field":"duration","when":"above","code":"c","effect":"e","fix":"f"}""", "'width', which an audio file does not have")]
    [InlineData("""{"fact":"seconds","field":"tier","when":"above","code":"c","effect":"e","fix":"f"}""", "the value \"2k\" of 'tier' does not read as a number")]
    public async Task Problems_DeclarationThatCannotHold_NamedWithFix(string comparison, string problem)
    {
        string schema = $$"""
            {
              "$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "additionalProperties": false, "x-order-properties": [],
              "properties": {
                "audio": { "type": "string", "title": "Audio", "x-media": { "kind": "audio", "against": [{{comparison}}] } },
                "duration": { "type": "integer", "title": "Duration", "enum": [5, 10] },
                "tier": { "type": "string", "title": "Tier", "enum": ["720p", "2k"] }
              }
            }
            """;

        string found = MediaFactChecks.Problems(await InputSchema.ParseAsync(schema, TestContext.Current.CancellationToken)).ShouldHaveSingleItem();

        found.ShouldContain("x-media.against of 'audio'");
        found.ShouldContain(problem);
    }
}

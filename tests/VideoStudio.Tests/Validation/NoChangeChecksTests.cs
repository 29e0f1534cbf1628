using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Validation;

/// <summary>
/// Free local operations that would give back the clip they were given (a speed of 1, a gain of 0 dB, a resize to the
/// clip's own height) are reported as changes_nothing from the Edit plugin's data, like FlashVSR's upscale at its
/// target, so a client asks before a click runs them.
/// </summary>
public sealed class NoChangeChecksTests
{
    private static async Task<ModelDefinition> ModelAsync(string id) => (await SharedCatalog.GetAsync()).Registry.Find(id);

    [Theory]
    [InlineData("videostudio/edit/speed", """{"video":"job:x"}""", "/factor")]
    [InlineData("videostudio/edit/speed", """{"video":"job:x","factor":1}""", "/factor")]
    [InlineData("videostudio/edit/volume", """{"video":"job:x","gain_db":0}""", "/gain_db")]
    public async Task Check_FieldAtItsDoNothingValueDefaultIncluded_WarnsChangesNothingWithTheFix(string modelId, string input, string path)
    {
        ModelDefinition model = await ModelAsync(modelId);
        (_, JsonObject normalized) = SchemaValidator.Validate(model.Schema, JsonNode.Parse(input)!.AsObject());

        ValidationIssue issue = NoChangeChecks.Check(model.Schema, normalized).ShouldHaveSingleItem();

        (issue.Path, issue.Code, issue.Severity).ShouldBe((path, ErrorCodes.ChangesNothing, IssueSeverity.Warning));
        issue.Message.ShouldContain("Choose");
    }

    [Theory]
    [InlineData("videostudio/edit/speed", """{"video":"job:x","factor":2}""")]
    [InlineData("videostudio/edit/speed", """{"video":"job:x","factor":1.05}""")]
    [InlineData("videostudio/edit/volume", """{"video":"job:x","gain_db":-6}""")]
    public async Task Check_FieldThatChangesSomething_NoWarning(string modelId, string input)
    {
        ModelDefinition model = await ModelAsync(modelId);
        (_, JsonObject normalized) = SchemaValidator.Validate(model.Schema, JsonNode.Parse(input)!.AsObject());

        NoChangeChecks.Check(model.Schema, normalized).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(720, true)]
    [InlineData(1080, false)]
    public async Task MediaFactChecks_ResizeToTheClipsOwnHeight_WarnsChangesNothingAtHeight(int clipHeight, bool warns)
    {
        ModelDefinition model = await ModelAsync("videostudio/edit/resize");
        var media = new Dictionary<string, MediaInfo> { ["video"] = new(MediaKind.Video, 1000, 8, clipHeight * 16 / 9, clipHeight, "video/mp4") };

        ValidationIssue[] issues = MediaFactChecks.Check(model.Schema, JsonNode.Parse("""{"video":"job:x","height":720}""")!.AsObject(), media).ToArray();

        issues.Length.ShouldBe(warns ? 1 : 0);
        if (warns)
        {
            (issues[0].Path, issues[0].Code).ShouldBe(("/height", ErrorCodes.ChangesNothing));
            issues[0].Message.ShouldContain("the same as /height");
        }
    }

    [Fact]
    public async Task SchemaValidator_CaptionsThatAreNotSrt_RefusedNamingTheFormatNotEchoingItAll()
    {
        ModelDefinition model = await ModelAsync("videostudio/edit/captions");
        string prose = string.Concat(Enumerable.Repeat("just some words, no cue times. ", 40));

        (IReadOnlyList<ValidationIssue> issues, _) = SchemaValidator.Validate(model.Schema, new JsonObject { ["video"] = "job:x", ["srt"] = prose });
        (IReadOnlyList<ValidationIssue> good, _) = SchemaValidator.Validate(model.Schema,
            new JsonObject { ["video"] = "job:x", ["srt"] = "1\n00:00:01,000 --> 00:00:03,000\nHello\n" });

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        (issue.Path, issue.Code).ShouldBe(("/srt", ErrorCodes.BadFormat));
        issue.Message.ShouldContain("-->");
        issue.Message.Length.ShouldBeLessThan(400, "the caller's 1,240 characters are not echoed whole");
        good.ShouldBeEmpty();
    }
}

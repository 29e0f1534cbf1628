using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Tests.Validation;

public sealed class AspectChecksTests
{
    private const string SchemaText = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "additionalProperties": false,
          "x-order-properties": ["image", "last_image", "aspect_ratio"],
          "properties": {
            "image": { "type": "string", "title": "Image", "x-media": { "kind": "image", "aspectField": "aspect_ratio", "aspectChoices": ["16:9", "9:16"] } },
            "last_image": { "type": "string", "title": "Last image", "x-media": { "kind": "image", "sameAspectAs": "image" } },
            "aspect_ratio": { "type": "string", "title": "Aspect ratio", "enum": ["16:9", "9:16"] }
          }
        }
        """;

    private static MediaInfo Image(int w, int h) => new(MediaKind.Image, 1000, null, w, h, "image/png");

    private static async Task<IReadOnlyList<ValidationIssue>> CheckAsync(string input, Dictionary<string, MediaInfo> media)
    {
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);
        return AspectChecks.Check(schema, JsonNode.Parse(input)!.AsObject(), media).ToArray();
    }

    [Fact]
    public async Task Check_MatchingShapes_NoWarnings()
    {
        var issues = await CheckAsync("""{"aspect_ratio":"16:9"}""", new() { ["image"] = Image(1280, 720), ["last_image"] = Image(1920, 1080) });

        issues.ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_ImageShapeAgainstRequestedRatio_WarnsAtTheRatioField()
    {
        var issues = await CheckAsync("""{"aspect_ratio":"9:16"}""", new() { ["image"] = Image(1280, 720) });

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/aspect_ratio");
        issue.Severity.ShouldBe(IssueSeverity.Warning);
    }

    [Fact]
    public async Task Check_LastFrameOfAnotherShape_Warns()
    {
        var issues = await CheckAsync("{}", new() { ["image"] = Image(1280, 720), ["last_image"] = Image(720, 1280) });

        issues.ShouldContain(i => i.Path == "/last_image" && i.Code == "aspect_mismatch");
    }

    [Fact]
    public async Task Check_SquareImageForWideOrTallModel_WarnsNamingTheShapes()
    {
        var issues = await CheckAsync("{}", new() { ["image"] = Image(640, 640) });

        issues.ShouldHaveSingleItem().Message.ShouldContain("16:9 or 9:16");
    }
}

using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Tests.Validation;

public sealed class SchemaValidatorTests
{
    private const string SchemaText = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "type": "object", "additionalProperties": false, "required": ["prompt"],
          "x-order-properties": ["prompt", "duration", "resolution", "generate_audio"],
          "properties": {
            "prompt": { "type": "string", "title": "Prompt", "minLength": 1, "maxLength": 20 },
            "duration": { "type": "integer", "title": "Duration", "enum": [5, 8], "default": 5 },
            "resolution": { "type": "string", "title": "Resolution", "enum": ["480p", "720p"], "default": "720p" },
            "generate_audio": { "type": "boolean", "title": "Generate audio", "default": true },
            "seed": { "type": "integer", "title": "Seed", "minimum": -1, "maximum": 100 }
          }
        }
        """;

    private static async Task<(IReadOnlyList<ValidationIssue> Issues, JsonObject Normalized)> ValidateAsync(string inputJson)
    {
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);
        return SchemaValidator.Validate(schema, JsonNode.Parse(inputJson)!.AsObject());
    }

    [Fact]
    public async Task Validate_ValidInput_AppliesDefaultsWithoutTouchingCallerInput()
    {
        var input = JsonNode.Parse("""{"prompt":"a cat"}""")!.AsObject();
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);

        (IReadOnlyList<ValidationIssue> issues, JsonObject normalized) = SchemaValidator.Validate(schema, input);

        issues.ShouldBeEmpty();
        normalized["duration"]!.GetValue<int>().ShouldBe(5);
        normalized["resolution"]!.GetValue<string>().ShouldBe("720p");
        normalized["generate_audio"]!.GetValue<bool>().ShouldBeTrue();
        input.ContainsKey("duration").ShouldBeFalse();
    }

    [Fact]
    public async Task Validate_MissingRequired_ReportsPointerAndCode()
    {
        var (issues, _) = await ValidateAsync("""{"duration":5}""");

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/prompt");
        issue.Code.ShouldBe(ErrorCodes.Required);
    }

    [Fact]
    public async Task Validate_UnknownField_RejectedWithDidYouMean()
    {
        var (issues, _) = await ValidateAsync("""{"prompt":"x","duraton":5}""");

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/duraton");
        issue.Code.ShouldBe(ErrorCodes.UnknownField);
        issue.Message.ShouldContain("Did you mean 'duration'?");
    }

    [Fact]
    public async Task Validate_ValueOutsideEnum_MessageNamesAllowedValues()
    {
        var (issues, _) = await ValidateAsync("""{"prompt":"x","duration":6}""");

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/duration");
        issue.Code.ShouldBe(ErrorCodes.NotAllowed);
        issue.Message.ShouldContain("5, 8");
        issue.Message.ShouldContain("got 6");
    }

    [Theory]
    [InlineData("""{"prompt":"x","seed":101}""", "/seed", ErrorCodes.TooLarge)]
    [InlineData("""{"prompt":"x","seed":-2}""", "/seed", ErrorCodes.TooSmall)]
    [InlineData("""{"prompt":"x","generate_audio":"yes"}""", "/generate_audio", ErrorCodes.WrongType)]
    [InlineData("""{"prompt":"this prompt is far too long"}""", "/prompt", ErrorCodes.TooLong)]
    [InlineData("""{"prompt":""}""", "/prompt", ErrorCodes.TooShort)]
    public async Task Validate_BadValue_ReportsFieldAndStableCode(string input, string path, string code)
    {
        var (issues, _) = await ValidateAsync(input);

        issues.ShouldContain(i => i.Path == path && i.Code == code);
    }
}

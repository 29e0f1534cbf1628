using System.Text.Json.Nodes;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Validation;

/// <summary>
/// The compiled check may only ever say "certainly valid" where NJsonSchema finds no error; everything else is left to
/// NJsonSchema, which words the errors. Each case is checked against NJsonSchema itself.
/// </summary>
public sealed class CompiledSchemaCheckTests
{
    private const string SchemaText = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "type": "object", "additionalProperties": false, "required": ["prompt"],
          "x-order-properties": ["prompt", "duration", "resolution", "generate_audio", "seed", "strength", "code"],
          "properties": {
            "prompt": { "type": "string", "title": "Prompt", "minLength": 1, "maxLength": 20 },
            "duration": { "type": "integer", "title": "Duration", "enum": [5, 8], "default": 5 },
            "resolution": { "type": "string", "title": "Resolution", "enum": ["480p", "720p"], "default": "720p" },
            "generate_audio": { "type": "boolean", "title": "Generate audio", "default": true },
            "seed": { "type": "integer", "title": "Seed", "minimum": -1, "maximum": 100 },
            "strength": { "type": "number", "title": "Strength", "minimum": 0, "maximum": 0.3 },
            "code": { "type": "string", "title": "Code", "pattern": "^[a-z]+$", "x-ui-widget": "text" }
          }
        }
        """;

    public static TheoryData<string> ValidInputs =>
    [
        """{"prompt":"a cat"}""",
        """{"prompt":"a cat","duration":8,"resolution":"480p","generate_audio":false}""",
        """{"prompt":"x","seed":-1}""",
        """{"prompt":"x","seed":100}""",
        """{"prompt":"x","strength":0.15}""",
        """{"prompt":"x","strength":0}""",
        """{"prompt":"x","code":"abc"}""",
        """{"prompt":"exactly twenty chars"}""",
    ];

    // Invalid for NJsonSchema, or valid but read differently enough (6.0, a fraction on a bound) to be left to it.
    public static TheoryData<string> InputsLeftToNJsonSchema =>
    [
        """{}""",
        """{"prompt":""}""",
        """{"prompt":"twenty-one characters"}""",
        """{"prompt":"x","duration":6}""",
        """{"prompt":"x","duration":5.0}""",
        """{"prompt":"x","duration":"5"}""",
        """{"prompt":"x","resolution":"1080p"}""",
        """{"prompt":"x","resolution":null}""",
        """{"prompt":"x","generate_audio":"true"}""",
        """{"prompt":"x","seed":-2}""",
        """{"prompt":"x","seed":101}""",
        """{"prompt":"x","seed":1e1}""",
        """{"prompt":"x","seed":99999999999999999999999}""",
        """{"prompt":"x","strength":0.3}""",
        """{"prompt":"x","strength":0.31}""",
        """{"prompt":"x","strength":-0.01}""",
        """{"prompt":"x","code":"ABC"}""",
        """{"prompt":"x","duraton":5}""",
        """{"prompt":["x"]}""",
        """{"prompt":{"text":"x"}}""",
    ];

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public async Task IsCertainlyValid_InputNJsonSchemaAccepts_True(string json)
    {
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);
        JsonObject input = JsonNode.Parse(json)!.AsObject();

        schema.Schema.Validate(input.ToJsonString()).ShouldBeEmpty();
        schema.Compiled.ShouldNotBeNull().IsCertainlyValid(input).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(InputsLeftToNJsonSchema))]
    public async Task IsCertainlyValid_InputOutsideWhatItMirrors_False(string json)
    {
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);

        schema.Compiled.ShouldNotBeNull().IsCertainlyValid(JsonNode.Parse(json)!.AsObject()).ShouldBeFalse();
    }

    [Fact]
    public async Task IsCertainlyValid_ClrNumbersAHostPutIn_ReadAsTheirJsonText()
    {
        InputSchema schema = await InputSchema.ParseAsync(SchemaText, TestContext.Current.CancellationToken);

        schema.Compiled!.IsCertainlyValid(new JsonObject { ["prompt"] = "x", ["duration"] = 8, ["seed"] = 7L, ["strength"] = 0.1 }).ShouldBeTrue();
        schema.Compiled.IsCertainlyValid(new JsonObject { ["prompt"] = "x", ["seed"] = 7.5 }).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string","format":"uri"}}}""")]
    [InlineData("""{"type":"object","additionalProperties":true,"properties":{"a":{"type":"string"}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"a":{"type":"string"}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"required":["b"],"properties":{"a":{"type":"string"}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":["string","null"]}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string","enum":["x",1]}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string","minimum":1}}}""")]
    [InlineData("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"number","exclusiveMinimum":true,"minimum":0}}}""")]
    public void Compile_KeywordItDoesNotMirror_Null(string schemaText)
    {
        CompiledSchemaCheck.Compile(JsonNode.Parse(schemaText)!.AsObject()).ShouldBeNull();
    }

    [Fact]
    public async Task Compile_EveryBuiltInModelSchema_CompilesAndAcceptsItsCardExample()
    {
        var catalog = await SharedCatalog.GetAsync();

        catalog.Registry.Models.ShouldNotBeEmpty();
        foreach (var model in catalog.Registry.Models)
        {
            model.Schema.Compiled.ShouldNotBeNull($"{model.Id}: its schema is not compiled, so every validation pays NJsonSchema's text round trip");
            if (model.Schema.Schema.Validate(model.Card.ExampleInput.ToJsonString()).Count == 0)
            {
                model.Schema.Compiled.IsCertainlyValid(model.Card.ExampleInput).ShouldBeTrue($"{model.Id}: card example");
            }
        }
    }
}

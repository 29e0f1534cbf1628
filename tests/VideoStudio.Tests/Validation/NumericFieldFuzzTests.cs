using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Validation;

/// <summary>
/// Hostile numbers in every numeric field of every installed schema, generated from the schemas themselves: each is
/// answered with a field error or accepted, never an exception (which the server turns into a 500).
/// </summary>
public sealed class NumericFieldFuzzTests
{
    // Beyond 64 bits (NJsonSchema reads these as BigInteger tokens), beyond decimal, beyond double, and edge forms.
    private static readonly string[] HostileNumbers =
    [
        "18446744073709551616", "-18446744073709551617", "9223372036854775808", "99999999999999999999999999999",
        "1e400", "-1e400", "1e-400", "79228162514264337593543950336", "1E+28", "-0", "0.0000000000000000000000000001",
        "4.5", "1e2", "123456789012345678901234567890123456789",
    ];

    public static IEnumerable<TheoryDataRow<string, string>> NumericFields()
    {
        PluginCatalog catalog = SharedCatalog.GetAsync().GetAwaiter().GetResult();
        return catalog.Registry.Models
            .SelectMany(m => m.Schema.Fields.Where(f => f.Type is "integer" or "number")
                .Select(f => new TheoryDataRow<string, string>(m.Descriptor.Id, f.Name)))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(NumericFields))]
    public async Task ValidateAndEstimate_HostileNumberInField_AnswersFieldErrorNeverThrows(string modelId, string field)
    {
        PluginCatalog catalog = await SharedCatalog.GetAsync();
        ModelDefinition model = catalog.Registry.Find(modelId);
        foreach (string number in HostileNumbers)
        {
            JsonObject input = ExampleWith(model, field, number);

            ValidationReport report = await SharedCatalog.Studio.ValidateAsync(modelId, input, TestContext.Current.CancellationToken);
            EstimateReport estimate = await SharedCatalog.Studio.EstimateAsync(modelId, ExampleWith(model, field, number), null, TestContext.Current.CancellationToken);

            if (!report.Valid)
            {
                report.Errors.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Message));
            }

            if (BeyondAnyField(number))
            {
                report.Valid.ShouldBeFalse($"{modelId} /{field} = {number}");
                report.Errors.ShouldContain(e => e.Path == "/" + field, $"{modelId} /{field} = {number}");
                estimate.Estimate?.TotalUsd.ShouldBeNull();
            }
        }
    }

    [Fact]
    public async Task Validate_IntegerBeyond64Bits_IsTooLargeFieldError()
    {
        InputSchema schema = await InputSchema.ParseAsync(
            """{"type":"object","properties":{"seed":{"type":"integer","minimum":-1,"maximum":2147483647}}}""",
            TestContext.Current.CancellationToken);

        var (issues, _) = SchemaValidator.Validate(schema, JsonNode.Parse("""{"seed":18446744073709551616}""")!.AsObject());

        ValidationIssue issue = issues.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/seed");
        issue.Code.ShouldBe(ErrorCodes.TooLarge);
    }

    private static bool BeyondAnyField(string number) =>
        number is "18446744073709551616" or "-18446744073709551617" or "9223372036854775808" or "1e400" or "-1e400"
            or "79228162514264337593543950336" or "123456789012345678901234567890123456789";

    private static JsonObject ExampleWith(ModelDefinition model, string field, string number)
    {
        var input = new JsonObject();
        foreach (InputField f in model.Schema.Fields.Where(f => f.Required && f.Default is not null))
        {
            input[f.Name] = f.Default!.DeepClone();
        }

        input[field] = JsonNode.Parse(number);
        return input;
    }
}

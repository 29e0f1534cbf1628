using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Tests.Pricing;

/// <summary>Free is explicit: a rule marked free prices to a known $0 labelled with its reason; a $0 rate stays refused.</summary>
public sealed class FreePricingRuleTests
{
    private const string Free = """{"version":"1","currency":"USD","source":"local","confidence":"documented","free":"runs locally"}""";

    [Fact]
    public void Estimate_FreeRule_KnownZeroHeldAtZeroWithTheReason()
    {
        PricingRule rule = PricingRuleParser.Parse(Free, new HashSet<string>());

        PriceEstimate estimate = PriceCalculator.Estimate("videostudio/edit/trim", rule, [], new Dictionary<string, double>());

        estimate.IsKnown.ShouldBeTrue();
        estimate.TotalUsd.ShouldBe(0m);
        estimate.HoldUsd.ShouldBe(0m);
        estimate.LineItems.ShouldHaveSingleItem().Label.ShouldBe("free (runs locally)");
    }

    [Fact]
    public void Parse_ZeroRate_StillRefused() =>
        Should.Throw<FormatException>(() => PricingRuleParser.Parse(
            """{"version":"1","currency":"USD","source":"s","confidence":"documented","billing":{"unit":"run"},"rate":{"usd":0}}""", new HashSet<string>()));

    [Fact]
    public async Task MetaSchema_FreeRule_Accepted_FreeBesideARate_Refused()
    {
        NJsonSchema.JsonSchema schema = await NJsonSchema.JsonSchema.FromJsonAsync(
            await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "schemas", "pricing.schema.json"), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        schema.Validate(Free).ShouldBeEmpty();
        schema.Validate("""{"version":"1","currency":"USD","source":"s","confidence":"documented","free":"x","billing":{"unit":"run"},"rate":{"usd":1}}""").ShouldNotBeEmpty();
        schema.Validate("""{"version":"1","currency":"USD","source":"s","confidence":"documented"}""").ShouldNotBeEmpty();
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "VideoStudio.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("The repository root was not found.");
    }
}

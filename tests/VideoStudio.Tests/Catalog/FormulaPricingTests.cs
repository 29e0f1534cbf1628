using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog.Import;

namespace VideoStudio.Tests.Catalog;

/// <summary>Live price formulas → pricing rules: exact where the shape allows, refused (unknown, live quote) otherwise.</summary>
public sealed class FormulaPricingTests
{
    private static readonly Dictionary<string, JsonArray> Enums = new(StringComparer.Ordinal)
    {
        ["resolution"] = new JsonArray("480p", "720p", "1080p"),
    };

    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal) { "duration" };

    private static FormulaPricing.Conversion Convert(string formula, decimal? basePrice = null) => FormulaPricing.Convert(formula, basePrice, Enums, Numeric);

    [Fact]
    public void Convert_InfiniteTalkLiveFormula_MediaBlocksWithBoundsAndMultiplier()
    {
        FormulaPricing.Conversion r = Convert("""{"total_price": $max([5, $min([$ceil(get_duration_v3(audio)), 600])]) / 5 * base_price * (resolution = "720p" ? 2 : 1)}""", 0.15m);

        r.Refusal.ShouldBeNull();
        r.Billing!["duration"]!["from"]!.GetValue<string>().ShouldBe("media");
        r.Billing["duration"]!["field"]!.GetValue<string>().ShouldBe("audio");
        r.Billing["roundSeconds"]!.GetValue<string>().ShouldBe("up");
        r.Billing["minSeconds"]!.GetValue<decimal>().ShouldBe(5m);
        r.Billing["maxSeconds"]!.GetValue<decimal>().ShouldBe(600m);
        r.Rate!["usd"]!.GetValue<decimal>().ShouldBe(0.03m);
        r.Multipliers!.Single()!["factor"]!.GetValue<decimal>().ShouldBe(2m);
        r.Multipliers!.Single()!["equals"]!.GetValue<string>().ShouldBe("720p");
    }

    [Fact]
    public void Convert_ChoiceByResolution_RateByValueElseFillsUnlistedValues()
    {
        FormulaPricing.Conversion r = Convert("""{"total_price": duration * (resolution = "1080p" ? 1 : resolution = "720p" ? 0.5 : 0.25)}""");

        r.Rate!["by"]!.GetValue<string>().ShouldBe("resolution");
        r.Rate["usd"]!["1080p"]!.GetValue<decimal>().ShouldBe(1m);
        r.Rate["usd"]!["720p"]!.GetValue<decimal>().ShouldBe(0.5m);
        r.Rate["usd"]!["480p"]!.GetValue<decimal>().ShouldBe(0.25m);
        r.Billing!["unit"]!.GetValue<string>().ShouldBe("second");
    }

    [Fact]
    public void Convert_BooleanChoice_BecomesMultiplierOnTheElseRate()
    {
        FormulaPricing.Conversion r = Convert("""{"total_price": duration * (generate_audio ? 0.15 : 0.1)}""");

        r.Rate!["usd"]!.GetValue<decimal>().ShouldBe(0.1m);
        r.Multipliers!.Single()!["field"]!.GetValue<string>().ShouldBe("generate_audio");
        r.Multipliers!.Single()!["factor"]!.GetValue<decimal>().ShouldBe(1.5m);
    }

    [Fact]
    public void Convert_CeilOfBlocks_BillsWholeStartedBlocks()
    {
        FormulaPricing.Conversion r = Convert("""{"total_price": $ceil(duration / 5) * 0.25}""");

        r.Billing!["unit"]!.GetValue<string>().ShouldBe("block");
        r.Billing["blockSeconds"]!.GetValue<decimal>().ShouldBe(5m);
        r.Billing["blockRounding"]!.GetValue<string>().ShouldBe("up");
    }

    [Fact]
    public void Convert_FlatBasePrice_PerRun()
    {
        FormulaPricing.Conversion r = Convert("""{"total_price": base_price}""", 0.2m);

        r.Billing!["unit"]!.GetValue<string>().ShouldBe("run");
        r.Rate!["usd"]!.GetValue<decimal>().ShouldBe(0.2m);
    }

    [Theory]
    [InlineData("""{"total_price": duration * 0.1 + 0.05}""")]
    [InlineData("""{"total_price": duration / 3 * 0.1}""")]
    [InlineData("""{"total_price": base_price}""")]
    [InlineData("""{"total_price": duration * 0}""")]
    [InlineData("""{"total_price": $lookup(prices, resolution)}""")]
    [InlineData("""{"total_price": duration *""")]
    public void Convert_ShapeNotExpressibleExactly_RefusedNeverGuessed(string formula)
    {
        FormulaPricing.Conversion r = Convert(formula);

        r.Refusal.ShouldNotBeNullOrWhiteSpace();
        r.Rate.ShouldBeNull();
    }
}

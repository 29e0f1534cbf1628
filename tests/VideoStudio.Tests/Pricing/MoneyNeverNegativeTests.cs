using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Providers.WaveSpeed;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Pricing;

/// <summary>
/// Every input path to a price (input fields, duration hints, probed media durations, rules) with zero, negative,
/// NaN, huge and missing values: a price is unknown or at least zero, never negative, never an exception.
/// </summary>
public sealed class MoneyNeverNegativeTests
{
    private const string Retake = "lightricks/ltx-2-retake";

    public static TheoryData<double> HostileSeconds() => [0, -1, -1000, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, double.MaxValue, 1e12];

    public static TheoryData<string> HostileNumbers() => ["0", "-1", "-1000", "1e300", "-1e300", "79228162514264337593543950336", "1e-30", "null", "\"6\""];

    [Theory]
    [MemberData(nameof(HostileSeconds))]
    public async Task EstimateAsync_HostileDurationHint_IsRefusedNeverPriced(double hint)
    {
        var input = new JsonObject { ["video"] = "http://127.0.0.1:9/clip.mp4", ["prompt"] = "golden hour", ["mode"] = "replace_video" };

        EstimateReport report = await SharedCatalog.Studio.EstimateAsync(Retake, input, new Dictionary<string, double> { ["video"] = hint }, TestContext.Current.CancellationToken);

        if (hint > 0 && hint <= 1e12 && report.Estimate is PriceEstimate estimate)
        {
            // Only a finite positive hint within the field's limits may price; it then prices at least zero.
            estimate.TotalUsd.GetValueOrDefault().ShouldBeGreaterThanOrEqualTo(0m);
            return;
        }

        report.Estimate.ShouldBeNull();
        report.Validation.Errors.ShouldContain(e => e.Path == "/video");
    }

    [Theory]
    [MemberData(nameof(HostileSeconds))]
    public async Task Estimate_EveryInstalledRuleWithHostileMediaSeconds_NeverNegative(double seconds)
    {
        PluginCatalog catalog = await SharedCatalog.GetAsync();
        foreach (ModelDefinition model in catalog.Registry.Models)
        {
            var media = model.Schema.Fields.Where(f => f.Media is not null).ToDictionary(f => f.Name, _ => seconds, StringComparer.Ordinal);
            JsonObject input = model.Card.ExampleInput.DeepClone().AsObject();

            PriceEstimate estimate = PriceCalculator.Estimate(model.Id, model.Pricing, input, media);

            AssertNeverNegative(model.Id, estimate);
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > PriceCalculator.MaxPricedSeconds)
            {
                // A media-priced rule cannot use such a duration: unknown, with the reason named.
                if (model.Pricing.Billing.Duration is { FromMedia: true })
                {
                    estimate.IsKnown.ShouldBeFalse(model.Id);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostileNumbers))]
    public async Task Estimate_EveryInstalledRuleWithHostileFieldValues_NeverNegative(string number)
    {
        PluginCatalog catalog = await SharedCatalog.GetAsync();
        foreach (ModelDefinition model in catalog.Registry.Models)
        {
            JsonObject input = model.Card.ExampleInput.DeepClone().AsObject();
            foreach (InputField field in model.Schema.Fields.Where(f => f.Media is null))
            {
                input[field.Name] = JsonNode.Parse(number);
            }

            var media = model.Schema.Fields.Where(f => f.Media is not null).ToDictionary(f => f.Name, _ => 5.0, StringComparer.Ordinal);

            AssertNeverNegative(model.Id, PriceCalculator.Estimate(model.Id, model.Pricing, input, media));
            AssertNeverNegative(model.Id, PriceCalculator.Estimate(model.Id, model.Pricing, [], new Dictionary<string, double>()));
        }
    }

    [Theory]
    [InlineData("'rate':{'usd':-0.1}")]
    [InlineData("'rate':{'usd':{'usd':-0.1,'confidence':'documented'}}")]
    [InlineData("'rate':{'usd':0.1},'multipliers':[{'field':'duration','equals':5,'factor':-2,'label':'x'}]")]
    public void Parse_NegativeRateOrFactor_IsADataError(string rateAndMultipliers)
    {
        string json = "{\"version\":\"t\",\"currency\":\"USD\",\"source\":\"test\",\"confidence\":\"documented\",\"billing\":{\"unit\":\"second\",\"duration\":{\"from\":\"field\",\"field\":\"duration\"}},"
            + rateAndMultipliers.Replace('\'', '"') + "}";

        Should.Throw<FormatException>(() => PricingRuleParser.Parse(json, new HashSet<string> { "duration" })).Message.ShouldContain("must be above 0");
    }

    [Fact]
    public void Parse_NegativeMinimum_IsADataError()
    {
        const string json = """{"version":"t","currency":"USD","source":"test","confidence":"documented","billing":{"unit":"second","duration":{"from":"field","field":"duration"},"minSeconds":-5},"rate":{"usd":0.1}}""";

        Should.Throw<FormatException>(() => PricingRuleParser.Parse(json, new HashSet<string> { "duration" }));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(-1e20)]
    public void Estimate_NegativeFieldDuration_IsUnknownNotNegative(double seconds)
    {
        PricingRule rule = PricingRuleParser.Parse(
            """{"version":"t","currency":"USD","source":"test","confidence":"documented","billing":{"unit":"second","duration":{"from":"field","field":"duration"}},"rate":{"usd":0.1}}""",
            new HashSet<string> { "duration" });

        PriceEstimate estimate = PriceCalculator.Estimate("m", rule, new JsonObject { ["duration"] = seconds }, new Dictionary<string, double>());

        estimate.IsKnown.ShouldBeFalse();
        estimate.Missing.ShouldContain(m => m.Contains("/duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_RuleNearDecimalLimit_IsUnknownNotAnException()
    {
        PricingRule rule = PricingRuleParser.Parse(
            """{"version":"t","currency":"USD","source":"test","confidence":"documented","billing":{"unit":"second","duration":{"from":"field","field":"duration"}},"rate":{"usd":79228162514264337593543950},"multipliers":[{"field":"duration","equals":9000,"factor":1000000,"label":"x"}]}""",
            new HashSet<string> { "duration" });

        PriceEstimate estimate = PriceCalculator.Estimate("m", rule, new JsonObject { ["duration"] = 9000 }, new Dictionary<string, double>());

        estimate.IsKnown.ShouldBeFalse();
        estimate.UnknownReason!.ShouldContain("data error");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("-0.5", null)]
    [InlineData("1e300", null)]
    [InlineData("\"NaN\"", null)]
    [InlineData("0", "0")]
    [InlineData("0.3", "0.3")]
    public async Task QuoteAsync_HostileProviderQuote_IsNoQuoteOrNonNegative(string price, string? expected)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            Envelopes.WriteAsync(context, Envelopes.Ok(new JsonObject { ["model_id"] = "m/x", ["unit_price"] = JsonNode.Parse(price) })));
        using var test = WaveSpeedTestClient.Create(server.BaseUrl);

        decimal? quote = await test.Quotes.QuoteAsync("m/x", [], TestContext.Current.CancellationToken);

        quote.ShouldBe(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertNeverNegative(string model, PriceEstimate estimate)
    {
        (estimate.TotalUsd ?? 0m).ShouldBeGreaterThanOrEqualTo(0m, model);
        (estimate.HoldUsd ?? 0m).ShouldBeGreaterThanOrEqualTo(0m, model);
        (estimate.BilledSeconds ?? 0m).ShouldBeGreaterThanOrEqualTo(0m, model);
        estimate.LineItems.ShouldAllBe(l => l.AmountUsd >= 0m);
    }
}

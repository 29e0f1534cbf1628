using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Tests.Pricing;

public sealed class PriceCalculatorTests
{
    private static readonly HashSet<string> Fields = ["duration", "resolution", "generate_audio", "audio", "video", "target_resolution"];

    private static PriceEstimate Price(string rule, string input, double? mediaSeconds = null, string mediaField = "audio")
    {
        PricingRule parsed = PricingRuleParser.Parse(
            $$"""{"version":"t","currency":"USD","source":"test","confidence":"documented",{{rule.Replace('\'', '"')}}}""", Fields);
        var media = mediaSeconds is double s ? new Dictionary<string, double> { [mediaField] = s } : new Dictionary<string, double>();
        return PriceCalculator.Estimate("m", parsed, JsonNode.Parse(input)!.AsObject(), media);
    }

    private const string PerSecondByResolution =
        "'billing':{'unit':'second','duration':{'from':'field','field':'duration'}},'rate':{'by':'resolution','usd':{'480p':0.012,'720p':0.026,'1080p':null}},'multipliers':[{'field':'generate_audio','equals':true,'factor':2,'label':'generated audio'}]";

    [Theory]
    [InlineData("""{"duration":4,"resolution":"480p","generate_audio":false}""", "0.048")]
    [InlineData("""{"duration":12,"resolution":"720p","generate_audio":true}""", "0.624")]
    [InlineData("""{"duration":8,"resolution":"720p","generate_audio":false}""", "0.208")]
    public void Estimate_PerSecondAtTierWithMultiplier_IsExactDecimal(string input, string expected)
    {
        PriceEstimate estimate = Price(PerSecondByResolution, input);

        estimate.TotalUsd.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        estimate.HoldUsd.ShouldBe(estimate.TotalUsd);
    }

    [Fact]
    public void Estimate_MultiplierApplied_AddsItsOwnLineItem()
    {
        PriceEstimate estimate = Price(PerSecondByResolution, """{"duration":10,"resolution":"720p","generate_audio":true}""");

        estimate.LineItems.Count.ShouldBe(2);
        estimate.LineItems[1].Label.ShouldContain("generated audio");
        estimate.LineItems.Sum(l => l.AmountUsd).ShouldBe(estimate.TotalUsd!.Value);
    }

    [Fact]
    public void Estimate_RateIsNull_IsUnknownNeverZero()
    {
        PriceEstimate estimate = Price(PerSecondByResolution, """{"duration":5,"resolution":"1080p","generate_audio":true}""");

        estimate.IsKnown.ShouldBeFalse();
        estimate.TotalUsd.ShouldBeNull();
        estimate.UnknownReason!.ShouldContain("1080p");
    }

    [Fact]
    public void Estimate_ValueWithoutRate_IsUnknownAndListsPricedValues()
    {
        PriceEstimate estimate = Price(PerSecondByResolution, """{"duration":5,"resolution":"4k","generate_audio":true}""");

        estimate.TotalUsd.ShouldBeNull();
        estimate.UnknownReason!.ShouldContain("480p, 720p");
    }

    private const string FlashVsr =
        "'billing':{'unit':'block','blockSeconds':5,'blockRounding':'prorata','duration':{'from':'media','field':'video'},'roundSeconds':'up','minSeconds':5,'maxSeconds':600},'rate':{'by':'target_resolution','usd':{'720p':0.06,'1080p':0.09,'2k':0.12,'4k':0.16}}";

    [Theory]
    [InlineData(30.0, "1080p", "0.54", "30")]
    [InlineData(3.0, "4k", "0.16", "5")]
    [InlineData(600.0, "4k", "19.20", "600")]
    [InlineData(7.2, "720p", "0.096", "8")]
    public void Estimate_PerBlockFromMediaWithMinimum_MatchesDocumentedExamples(double seconds, string target, string expected, string billed)
    {
        PriceEstimate estimate = Price(FlashVsr, $$"""{"target_resolution":"{{target}}"}""", seconds, "video");

        estimate.TotalUsd.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        estimate.BilledSeconds.ShouldBe(decimal.Parse(billed, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Estimate_MediaShorterThanMinimum_LineItemSaysTheMinimumDecided()
    {
        PriceEstimate estimate = Price(FlashVsr, """{"target_resolution":"4k"}""", 3.0, "video");

        estimate.LineItems[0].Label.ShouldContain("minimum 5 s; input 3 s");
    }

    [Fact]
    public void Estimate_MediaDurationMissing_IsUnknownAndSaysHowToHint()
    {
        PriceEstimate estimate = Price(FlashVsr, """{"target_resolution":"4k"}""");

        estimate.TotalUsd.ShouldBeNull();
        estimate.Missing.ShouldHaveSingleItem().ShouldContain("--media-duration video=SECONDS");
    }

    [Fact]
    public void Estimate_StartedBlocksHold_IsAboveProRataEstimate()
    {
        const string avatar =
            "'billing':{'unit':'block','blockSeconds':5,'blockRounding':'prorata','duration':{'from':'media','field':'audio'},'roundSeconds':'up','minSeconds':5,'maxSeconds':120},'rate':{'usd':0.15},'hold':{'billing':{'unit':'block','blockSeconds':5,'blockRounding':'up','duration':{'from':'media','field':'audio'},'roundSeconds':'up','minSeconds':5,'maxSeconds':120}}";

        PriceEstimate estimate = Price(avatar, "{}", 7.2);

        estimate.TotalUsd.ShouldBe(0.24m);   // 8 s / 5 × 0.15
        estimate.HoldUsd.ShouldBe(0.30m);    // 2 started blocks × 0.15
    }

    [Fact]
    public void Estimate_InputBuiltFromClrNumbers_PricesLikeParsedJson()
    {
        PricingRule rule = PricingRuleParser.Parse(
            """{"version":"t","currency":"USD","source":"t","confidence":"documented","billing":{"unit":"second","duration":{"from":"field","field":"duration"}},"rate":{"usd":0.05}}""", Fields);
        var input = new JsonObject { ["duration"] = 8 };

        PriceCalculator.Estimate("m", rule, input, new Dictionary<string, double>()).TotalUsd.ShouldBe(0.40m);
    }

    [Fact]
    public void Estimate_PerRun_IgnoresDuration()
    {
        PriceEstimate estimate = Price("'billing':{'unit':'run'},'rate':{'by':'resolution','usd':{'512p':{'usd':0.20,'confidence':'unconfirmed'}}}", """{"resolution":"512p"}""");

        estimate.TotalUsd.ShouldBe(0.20m);
        estimate.Provenance.Confidence.ShouldBe(Confidence.Unconfirmed);
    }

    [Theory]
    [InlineData("'billing':{'unit':'block','duration':{'from':'field','field':'duration'}},'rate':{'usd':1}", "blockSeconds")]
    [InlineData("'billing':{'unit':'second'},'rate':{'usd':1}", "billing.duration")]
    [InlineData("'billing':{'unit':'second','duration':{'from':'field','field':'lenght'}},'rate':{'usd':1}", "'lenght'")]
    [InlineData("'billing':{'unit':'run'},'rate':{'by':'resolution','usd':0.1}", "rate.usd must map")]
    public void Parse_InconsistentRule_FailsNamingTheProblem(string rule, string expected)
    {
        var ex = Should.Throw<FormatException>(() => Price(rule, "{}"));

        ex.Message.ShouldContain(expected);
    }
}

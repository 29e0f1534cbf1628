using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Providers;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>No job is charged on a price nobody saw: the live quote is offered before, and a job with no price at all needs a max cost.</summary>
public sealed class ServerQuoteTests
{
    private const string UnknownPriceModel = "google/veo3.1/text-to-video";
    private static readonly Uri Quote = new("/v1/quote", UriKind.Relative);
    private static readonly Uri Jobs = new("/v1/jobs", UriKind.Relative);

    [Fact]
    public async Task Quote_RuleHasNoPrice_AnswersTheLiveQuoteAsEstimateAndHold()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        JsonNode quote = await h.JsonAsync(await h.Client().PostAsync(Quote, ServerHarness.Body(new { model = UnknownPriceModel, input = new { prompt = "p" } }), h.Token));

        quote["ruleUsd"].ShouldBeNull();
        decimal quoted = quote["quoteUsd"]!.GetValue<decimal>();
        quoted.ShouldBeGreaterThan(0m);
        quote["estimateUsd"]!.GetValue<decimal>().ShouldBe(quoted);
        quote["holdUsd"]!.GetValue<decimal>().ShouldBe(quoted);
        quote["source"]!.GetValue<string>().ShouldBe("live-quote");
        quote["needsMaxCost"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task SubmitJob_UnknownPriceWithLiveQuote_RecordsTheQuoteAsItsEstimate()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Jobs, ServerHarness.Body(new { model = UnknownPriceModel, input = new { prompt = "p" } }), h.Token);
        JsonNode job = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        job["estimateUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
        job["estimateSource"]!.GetValue<string>().ShouldBe("live-quote");
        job["holdUsd"]!.GetValue<decimal>().ShouldBe(job["estimateUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SubmitJob_UnknownPriceAndNoQuote_RefusedUnlessAMaxCostIsSet()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(configure: NoLiveQuotes);

        JsonNode quote = await h.JsonAsync(await h.Client().PostAsync(Quote, ServerHarness.Body(new { model = UnknownPriceModel, input = new { prompt = "p" } }), h.Token));
        HttpResponseMessage refused = await h.Client().PostAsync(Jobs, ServerHarness.Body(new { model = UnknownPriceModel, input = new { prompt = "p" } }), h.Token);
        JsonNode problem = await h.JsonAsync(refused);
        HttpResponseMessage capped = await h.Client().PostAsync(Jobs, ServerHarness.Body(new { model = UnknownPriceModel, input = new { prompt = "p" }, maxCostUsd = 0.75m }), h.Token);
        JsonNode job = await h.JsonAsync(capped);

        quote["needsMaxCost"]!.GetValue<bool>().ShouldBeTrue();
        quote["estimateUsd"].ShouldBeNull();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem["errors"]![0]!["code"]!.GetValue<string>().ShouldBe(ErrorCodes.PriceUnknown);
        problem["detail"]!.GetValue<string>().ShouldContain("max cost");
        capped.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        job["estimateUsd"].ShouldBeNull();
        job["holdUsd"]!.GetValue<decimal>().ShouldBe(0.75m);
    }

    [Fact]
    public async Task SubmitJob_HoldAboveMaxCost_RefusalNamesEstimateHoldAndTheValueThatPasses()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        const string model = "alibaba/wan-2.5/video-extend";
        var input = new { prompt = "p", video = "http://127.0.0.1:9/clip.mp4", duration = 5 };
        JsonNode estimate = await h.JsonAsync(await h.Client().PostAsync(new Uri("/v1/estimate", UriKind.Relative),
            ServerHarness.Body(new { model, input, mediaDurations = new { video = 5.0 } }), h.Token));
        decimal hold = estimate["holdUsd"]!.GetValue<decimal>();

        HttpResponseMessage refused = await h.Client().PostAsync(Jobs, ServerHarness.Body(new { model, input, mediaDurations = new { video = 5.0 }, maxCostUsd = 0.01m }), h.Token);
        string detail = (await h.JsonAsync(refused))["detail"]!.GetValue<string>();

        refused.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        detail.ShouldContain($"estimated at ${estimate["totalUsd"]!.GetValue<decimal>():0.00##}");
        detail.ShouldContain($"${hold:0.00##} is held");
        detail.ShouldContain($"A max cost of ${hold:0.00##} or more would pass");
    }

    private static void NoLiveQuotes(IServiceCollection services)
    {
        ServiceDescriptor registered = services.Last(d => d.ServiceType == typeof(IVideoProvider));
        services.Remove(registered);
        services.AddSingleton<IVideoProvider>(sp => new NoQuoteProvider((IVideoProvider)registered.ImplementationFactory!(sp)));
    }

    private sealed class NoQuoteProvider(IVideoProvider inner) : DelegatingVideoProvider(inner)
    {
        // A provider that gives no live quotes: it does not offer the capability at all.
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(IProviderQuotes) ? null : base.GetService(serviceType, serviceKey);
    }
}

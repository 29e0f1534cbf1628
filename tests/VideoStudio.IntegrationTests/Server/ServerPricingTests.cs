using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>Validate, estimate and compare over real HTTP: the CLI's --json shapes, and problems for invalid input.</summary>
public sealed class ServerPricingTests
{
    private static readonly Uri Validate = new("/v1/validate", UriKind.Relative);
    private static readonly Uri Estimate = new("/v1/estimate", UriKind.Relative);

    [Fact]
    public async Task Validate_ValidInput_ReturnsValidTrue()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Validate, ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        JsonNode view = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        view["valid"]!.GetValue<bool>().ShouldBeTrue();
        view["normalizedInput"]!["prompt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Validate_InvalidInput_Returns200WithFieldErrors()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Validate, ServerHarness.Body(new { model = ServerHarness.Model, input = new { duration = 7 } }), h.Token);
        JsonNode view = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        view["valid"]!.GetValue<bool>().ShouldBeFalse();
        string[] paths = view["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray();
        paths.ShouldContain("/prompt");
        paths.ShouldContain("/duration");
    }

    [Fact]
    public async Task Validate_LocalPathNotUploaded_RefusedWithoutReadingIt()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        var input = new JsonObject { ["image"] = "/etc/passwd", ["prompt"] = "x" };

        JsonNode view = await h.JsonAsync(await h.Client().PostAsync(Validate, ServerHarness.Body(new { model = "alibaba/wan-2.5/image-to-video", input }), h.Token));

        view["valid"]!.GetValue<bool>().ShouldBeFalse();
        view["errors"]!.AsArray().ShouldContain(e => e!["code"]!.GetValue<string>() == ErrorCodes.MediaPathNotAllowed && e["path"]!.GetValue<string>() == "/image");
    }

    [Fact]
    public async Task Estimate_ValidInput_ReturnsDecimalPriceWithProvenance()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Estimate, ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        JsonNode view = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        view["modelId"]!.GetValue<string>().ShouldBe(ServerHarness.Model);
        view["totalUsd"]!.GetValue<decimal>().ShouldBe(0.04m);
        view["provenance"]!["ruleVersion"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Estimate_InvalidInput_Returns422ProblemWithErrors()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Estimate, ServerHarness.Body(new { model = ServerHarness.Model, input = new { duration = 7 } }), h.Token);
        JsonNode problem = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ShouldContain("/prompt");
    }

    [Fact]
    public async Task Estimate_MissingInput_Returns400ProblemNamingTheField()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().PostAsync(Estimate, ServerHarness.Body(new { model = ServerHarness.Model }), h.Token);
        JsonNode problem = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().ShouldContain("input");
    }

    [Fact]
    public async Task Compare_TwoModelsAndAnUnknownOne_ReturnsOneEntryEachInOrder()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        string[] models = [ServerHarness.Model, "alibaba/wan-2.5/text-to-video", "no/such-model"];

        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/compare", UriKind.Relative),
            ServerHarness.Body(new { models, input = new { prompt = "a lighthouse in fog", duration = 10 } }), h.Token);
        JsonNode report = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonArray entries = report["entries"]!.AsArray();
        entries.Select(e => e!["modelId"]!.GetValue<string>()).ShouldBe(models);
        entries[0]!["accepted"]!.GetValue<bool>().ShouldBeTrue();
        entries[2]!["accepted"]!.GetValue<bool>().ShouldBeFalse();
    }
}

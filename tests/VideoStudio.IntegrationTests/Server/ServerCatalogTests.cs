using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>Models, schemas, plugins and health over real HTTP.</summary>
public sealed class ServerCatalogTests
{
    [Fact]
    public async Task ListModels_NoFilter_ReturnsEveryModelWithSlashIds()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        JsonArray models = (await h.JsonAsync(await h.Client().GetAsync(new Uri("/v1/models", UriKind.Relative), h.Token))).AsArray();

        models.Count.ShouldBeGreaterThan(5);
        models.Select(m => m!["id"]!.GetValue<string>()).ShouldContain(ServerHarness.Model);
    }

    [Fact]
    public async Task ListModels_TaskFilter_ReturnsOnlyThatTask()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        JsonArray models = (await h.JsonAsync(await h.Client().GetAsync(new Uri("/v1/models?task=image-to-video", UriKind.Relative), h.Token))).AsArray();

        models.ShouldNotBeEmpty();
        models.ShouldAllBe(m => m!["task"]!.GetValue<string>() == "image-to-video");
    }

    [Fact]
    public async Task GetModel_SlashId_ReturnsDetailWithExamplePrice()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().GetAsync(new Uri("/v1/models/" + ServerHarness.Model, UriKind.Relative), h.Token);
        JsonNode detail = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        detail["model"]!["id"]!.GetValue<string>().ShouldBe(ServerHarness.Model);
        detail["price"]!["exampleUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(0);
        detail["pluginStatus"]!.GetValue<string>().ShouldBe("Active");
    }

    [Theory]
    [InlineData("/v1/schema/" + ServerHarness.Model)]
    [InlineData("/v1/models/" + ServerHarness.Model + "/schema")]
    public async Task GetSchema_EitherRoute_ReturnsThePluginsSchema(string route)
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().GetAsync(new Uri(route, UriKind.Relative), h.Token);
        JsonNode schema = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        schema["type"]!.GetValue<string>().ShouldBe("object");
        schema["properties"]!["prompt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task GetModel_UnknownId_Returns404ProblemWithSuggestions()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().GetAsync(new Uri("/v1/models/lightricks/ltx-2-fast/text-to-vide", UriKind.Relative), h.Token);
        JsonNode problem = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["status"]!.GetValue<int>().ShouldBe(404);
        problem["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldContain(ServerHarness.Model);
        problem["type"]!.GetValue<string>().ShouldBe(ProblemResults.TypePrefix + ErrorCodes.UnknownModel);
        problem["errors"]!.AsArray().ShouldHaveSingleItem()!["code"]!.GetValue<string>().ShouldBe(ErrorCodes.UnknownModel);
    }

    [Fact]
    public async Task ListPlugins_Default_ReturnsActivePluginsWithModels()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        JsonArray plugins = (await h.JsonAsync(await h.Client().GetAsync(new Uri("/v1/plugins", UriKind.Relative), h.Token))).AsArray();

        plugins.ShouldNotBeEmpty();
        plugins.ShouldContain(p => p!["status"]!.GetValue<string>() == "active" && p["modelIds"]!.AsArray().Count > 0);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Started_Returns200(string route)
    {
        await using ServerHarness h = await ServerHarness.StartAsync(withKeys: true);

        HttpResponseMessage response = await h.Client().GetAsync(new Uri(route, UriKind.Relative), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Console_Root_ServesIndexHtml()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();

        HttpResponseMessage response = await h.Client().GetAsync(new Uri("/", UriKind.Relative), h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }
}

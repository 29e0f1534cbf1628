using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>The API matches its OpenAPI document: every route the server maps is documented, named, described and typed.</summary>
public sealed class ServerOpenApiTests
{
    [Fact]
    public async Task OpenApi_EveryMappedRoute_IsDocumentedWithNameDescriptionAndSuccessResponse()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        JsonNode document = await h.JsonAsync(await h.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), h.Token));
        JsonObject paths = document["paths"]!.AsObject();
        var routes = h.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Endpoint: e, Method: m.ToLowerInvariant())))
            .ToArray();

        routes.Length.ShouldBeGreaterThanOrEqualTo(16);
        foreach ((RouteEndpoint endpoint, string method) in routes)
        {
            string path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').Replace("{**", "{", StringComparison.Ordinal);
            JsonNode? operation = paths[path]?[method];
            operation.ShouldNotBeNull($"{method.ToUpperInvariant()} {path} is mapped but not in /openapi/v1.json");
            operation["operationId"].ShouldNotBeNull($"{path} has no name");
            operation["description"].ShouldNotBeNull($"{path} has no description");
            operation["responses"]!.AsObject().Select(r => r.Key).ShouldContain(k => k.StartsWith('2'), $"{path} documents no success answer");
        }
    }

    [Fact]
    public async Task OpenApi_Document_HasNoPathTheServerDoesNotMap()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        JsonNode document = await h.JsonAsync(await h.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), h.Token));
        var mapped = h.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{**", "{", StringComparison.Ordinal)).ToHashSet();

        document["paths"]!.AsObject().Select(p => p.Key).ShouldBeSubsetOf(mapped);
    }

    [Theory]
    [InlineData("/v1/jobs", "post", "202", nameof(JobView))]
    [InlineData("/v1/jobs", "get", "200", nameof(JobView))]
    [InlineData("/v1/jobs/{id}", "get", "200", nameof(JobView))]
    [InlineData("/v1/jobs/{id}", "delete", "200", nameof(JobView))]
    [InlineData("/v1/compare", "post", "200", nameof(ApiViews.ComparisonView))]
    [InlineData("/v1/plugins", "get", "200", nameof(ApiViews.PluginView))]
    [InlineData("/v1/plugins/reload", "post", "200", nameof(ApiViews.PluginReloadView))]
    public async Task OpenApi_Answer_IsGeneratedFromItsView(string path, string method, string status, string view)
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        JsonNode document = await h.JsonAsync(await h.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), h.Token));

        JsonNode schema = document["paths"]![path]![method]!["responses"]![status]!["content"]!["application/json"]!["schema"]!;

        string reference = (schema["items"] ?? schema)["$ref"]!.GetValue<string>();
        reference.ShouldBe("#/components/schemas/" + view);
        document["components"]!["schemas"]![view]!["properties"]!.AsObject().Select(p => p.Key)
            .ShouldBe(PropertiesOf(view == nameof(JobView) ? typeof(JobView) : typeof(ApiViews).GetNestedType(view)!), ignoreOrder: true);
    }

    [Fact]
    public async Task OpenApi_JobSchema_IsWhatTheServerSendsAndKeepsTheStoreToItself()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();
        JsonNode document = await h.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), h.Token));
        JsonNode job = await h.JsonAsync(await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative),
            ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token));

        string[] documented = [.. document["components"]!["schemas"]![nameof(JobView)]!["properties"]!.AsObject().Select(p => p.Key)];

        job.AsObject().Select(p => p.Key).ShouldBe(documented, ignoreOrder: true);
        documented.ShouldNotContain("version");
        documented.ShouldNotContain("inputFingerprint");
        documented.ShouldNotContain("providerInput");
        documented.ShouldNotContain("submitAttempts");
        documented.ShouldNotContain("provider");
    }

    // The JSON names the engine's serializer writes for a view (camelCase, computed properties included).
    private static string[] PropertiesOf(Type view) => [.. Json.Options.GetTypeInfo(view).Properties.Select(p => p.Name)];
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
}

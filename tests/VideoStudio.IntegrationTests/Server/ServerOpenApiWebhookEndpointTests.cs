using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// GET /v1/webhooks/endpoint answers 200 with the settings or with <c>{"configured": false}</c>: the OpenAPI
/// document says both, so a generated client reads the second shape too.
/// </summary>
public sealed class ServerOpenApiWebhookEndpointTests
{
    [Fact]
    public async Task OpenApi_GetWebhookEndpoint_IsOneOfTheSettingsAndTheNotConfiguredShape()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        JsonNode document = await h.JsonAsync(await h.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), h.Token));

        JsonNode schema = document["paths"]!["/v1/webhooks/endpoint"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        JsonArray shapes = schema["oneOf"].ShouldNotBeNull().AsArray();
        shapes.Count.ShouldBe(2);
        string[][] properties = [.. shapes.Select(s => Resolve(document, s!)["properties"]!.AsObject().Select(p => p.Key).ToArray())];

        properties[0].ShouldContain("secret");
        properties[0].ShouldContain("configured");
        properties[1].ShouldBe(["configured"]);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is string reference ? document["components"]!["schemas"]![reference.Split('/')[^1]]! : schema;
}

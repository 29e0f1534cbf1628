using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Simulator.Wire;

/// <summary>Reads a request body as a JSON object; null when it is empty, malformed or not an object.</summary>
internal static class RequestJson
{
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context, CancellationToken cancellationToken, bool emptyIsObject = false)
    {
        try
        {
            JsonNode? node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return emptyIsObject && context.Request.ContentLength is null or 0 ? [] : null;
        }
    }
}

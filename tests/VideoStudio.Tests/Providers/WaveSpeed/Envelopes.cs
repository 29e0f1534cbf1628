using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>WaveSpeed-shaped response bodies for the fake server.</summary>
internal static class Envelopes
{
    public static JsonObject Task(string id, string status, params string[] outputs) => new()
    {
        ["id"] = id,
        ["model"] = "wavespeed-ai/flashvsr",
        ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()),
        ["urls"] = new JsonObject { ["get"] = $"https://api.wavespeed.ai/api/v3/predictions/{id}/result" },
        ["has_nsfw_contents"] = new JsonArray(),
        ["status"] = status,
        ["created_at"] = "2025-01-01T00:00:00Z",
        ["error"] = string.Empty,
    };

    public static JsonObject Ok(JsonNode data) => new() { ["code"] = 200, ["message"] = "success", ["data"] = data };

    public static JsonObject Error(int code, string message, JsonObject? data = null) =>
        new() { ["code"] = code, ["message"] = message, ["data"] = data ?? new JsonObject { ["error"] = message } };

    public static async Task WriteAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return (JsonObject)JsonNode.Parse(await reader.ReadToEndAsync())!;
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>One answer: the request (method and path), its status, its JSON body, and whether it said when to retry.</summary>
internal sealed record CallerAnswer(string Request, HttpStatusCode Status, JsonNode? Body, bool HasRetryAfter)
{
    /// <summary>The problem code of an error answer (the end of its <c>type</c> URN), or null.</summary>
    public string? Code => Body is JsonObject problem && problem["type"] is JsonValue value && value.TryGetValue(out string? type)
        ? type[(type.LastIndexOf(':') + 1)..]
        : null;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// What identifies the request a job was created from, for <c>Idempotency-Key</c>: the model, the input (normalised,
/// so key order and filled-in defaults do not matter), the job's webhook, its output path and its parents. A key sent
/// again with the same request answers the first job; with another, it is refused.
/// </summary>
internal static class RequestFingerprint
{
    /// <summary>A SHA-256 over the request's parts, hex.</summary>
    public static string Of(JobRecord job)
    {
        var canonical = new StringBuilder(job.ModelId).Append('\n').Append(Canonical(job.Input)).Append('\n')
            .Append(job.WebhookTarget).Append('\n').Append(job.OutputPath).Append('\n');
        foreach (JobLink parent in job.Parents)
        {
            canonical.Append(parent).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    // Objects with their keys in order, at every depth.
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => JsonValue.Create(kv.Key).ToJsonString() + ":" + Canonical(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}

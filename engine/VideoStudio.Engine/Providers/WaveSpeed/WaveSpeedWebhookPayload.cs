using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Parses a webhook body: the task object without the envelope (§10). Verify the signature first.</summary>
internal static class WaveSpeedWebhookPayload
{
    /// <summary>The snapshot, or null when the body is not JSON or has no task id.</summary>
    public static ProviderTask? TryParse(ReadOnlySpan<byte> rawBody)
    {
        try
        {
            JsonNode? root = JsonNode.Parse(rawBody);
            // Tolerate an envelope in case deliveries ever gain one; the documented payload is the bare task.
            if (root is JsonObject obj && obj["data"] is JsonObject data && !obj.ContainsKey("id"))
            {
                root = data;
            }

            return PredictionSnapshotReader.Read(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Same as <see cref="TryParse(ReadOnlySpan{byte})"/> for text.</summary>
    public static ProviderTask? TryParse(string rawBody) => TryParse(System.Text.Encoding.UTF8.GetBytes(rawBody));
}

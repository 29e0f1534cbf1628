using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// A stable hash of (model, provider input) used to recognise our task in the provider's prediction history
/// when a submission's answer was lost. Key order does not change it; the provider's own transport flags never reach
/// it (the adapter adds them when it sends and removes them from the inputs its history echoes).
/// </summary>
internal static class InputFingerprint
{
    /// <summary>Computes the fingerprint.</summary>
    public static string Compute(string modelId, JsonObject providerInput)
    {
        var canonical = new StringBuilder(modelId).Append('\n');
        foreach ((string key, JsonNode? value) in providerInput.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            canonical.Append(key).Append('=').Append(value?.ToJsonString() ?? "null").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

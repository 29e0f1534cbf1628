using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The <c>{code, message, data}</c> envelope of every response (wavespeed-api.md §3, §6), read leniently:
/// a body that is not an envelope leaves <see cref="Code"/> null and puts the whole body in <see cref="Data"/>.
/// </summary>
internal sealed record WaveSpeedEnvelope(int? Code, string? Message, JsonNode? Data, string? ErrorCode)
{
    /// <summary>The task code carried in <c>data.code</c>, when any.</summary>
    public int? DataCode => JsonRead.Int((Data as JsonObject)?["code"]);

    /// <summary><c>data.error</c>, when any.</summary>
    public string? DataError => JsonRead.String((Data as JsonObject)?["error"]);

    /// <summary>True when the envelope itself reports success (200, or 0 = "success" in the task-code table, or absent).</summary>
    public bool IsSuccess => Code is null or 200 or 0;

    /// <summary>Parses a body; null when it is not JSON at all.</summary>
    public static WaveSpeedEnvelope? Parse(string body)
    {
        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is JsonObject obj && obj.ContainsKey("code") && (obj.ContainsKey("data") || obj.ContainsKey("message")))
        {
            return new WaveSpeedEnvelope(JsonRead.Int(obj["code"]), JsonRead.String(obj["message"]), obj["data"], JsonRead.String(obj["error_code"]));
        }

        return root is null ? null : new WaveSpeedEnvelope(null, null, root, null);
    }
}

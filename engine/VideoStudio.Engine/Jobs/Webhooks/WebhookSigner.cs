using StandardWebhooks;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// Signs a delivery the Standard Webhooks way with the StandardWebhooks library: <c>v1,</c> + base64 HMAC-SHA256 of
/// <c>"{id}.{timestamp}.{body}"</c> keyed with the base64 part of a <c>whsec_</c> secret, one signature per secret in
/// force, space-separated (during a rotation a receiver holding either secret verifies).
/// </summary>
internal static class WebhookSigner
{
    /// <summary>The <c>webhook-signature</c> header value.</summary>
    public static string Sign(string id, DateTimeOffset timestamp, string body, IReadOnlyList<string> secrets)
    {
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Count);
        return string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(id, timestamp, body)));
    }
}

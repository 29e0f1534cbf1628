using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Verifies WaveSpeed webhook deliveries (§10): HMAC-SHA256, hex, over UTF-8 <c>"{id}.{timestamp}.{raw body}"</c>, keyed
/// with the secret minus its <c>whsec_</c> prefix as UTF-8 bytes (not base64-decoded, unlike Svix/Standard Webhooks).
/// </summary>
internal sealed class WaveSpeedWebhookVerifier(TimeProvider time)
{
    /// <summary>Replay window, applied both to past and future timestamps.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    private const string SecretPrefix = "whsec_";
    private const string SignaturePrefix = "v3,";

    /// <summary>Checks a delivery; <paramref name="rawBody"/> must be the bytes as received, before any JSON parsing.</summary>
    public WebhookVerificationResult Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> rawBody, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(webhookId) || string.IsNullOrWhiteSpace(webhookTimestamp) || string.IsNullOrWhiteSpace(webhookSignature))
        {
            return new(WebhookVerificationStatus.MissingHeaders, "webhook-id, webhook-timestamp and webhook-signature are required");
        }

        if (!long.TryParse(webhookTimestamp.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return new(WebhookVerificationStatus.MalformedTimestamp, "webhook-timestamp is not unix seconds");
        }

        long skew = Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds);
        if (skew > Tolerance.TotalSeconds)
        {
            return new(WebhookVerificationStatus.Stale, $"timestamp is {skew} s away from now (limit {Tolerance.TotalSeconds} s)");
        }

        byte[] expected = Sign(webhookId.Trim(), webhookTimestamp.Trim(), rawBody, secret);
        foreach (string entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase)
                && TryHex(entry[SignaturePrefix.Length..], out byte[] given)
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return new(WebhookVerificationStatus.Valid, "signature matches");
            }
        }

        return new(WebhookVerificationStatus.BadSignature, "no v3 signature matches");
    }

    /// <summary>Same as the byte overload for a body already held as text (UTF-8 encoded for signing).</summary>
    public WebhookVerificationResult Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string rawBody, string secret) =>
        Verify(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(rawBody), secret);

    /// <summary>The lowercase hex signature for a delivery (for the simulator and tests).</summary>
    public static string ComputeSignature(string webhookId, string webhookTimestamp, ReadOnlySpan<byte> rawBody, string secret) =>
        Convert.ToHexStringLower(Sign(webhookId, webhookTimestamp, rawBody, secret));

    private static byte[] Sign(string id, string timestamp, ReadOnlySpan<byte> body, string secret)
    {
        string keyText = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        byte[] prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        byte[] message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(keyText), message);
    }

    // Hex case is UNCONFIRMED (§10): Convert.FromHexString accepts both cases, which is the lowercase normalisation we need.
    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

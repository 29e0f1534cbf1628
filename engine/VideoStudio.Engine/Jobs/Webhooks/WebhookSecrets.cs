using System.Security.Cryptography;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>New signing secrets: <c>whsec_</c> and 32 random bytes in base64, the Standard Webhooks form.</summary>
internal static class WebhookSecrets
{
    /// <summary>A fresh secret.</summary>
    public static string New() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

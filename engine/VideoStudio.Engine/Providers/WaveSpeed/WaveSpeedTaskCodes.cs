namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>The documented task error codes (wavespeed-api.md §7) and what they mean for us.</summary>
internal static class WaveSpeedTaskCodes
{
    /// <summary>Blocked by content moderation.</summary>
    public const int Moderation = 1200;

    /// <summary>Timeout; also the sync-mode limit.</summary>
    public const int Timeout = 5004;

    /// <summary>The error kind for a task code, or null when the code is not a known task code.</summary>
    public static ProviderErrorKind? ToKind(int code) => code switch
    {
        1200 => ProviderErrorKind.Moderation,
        1400 or 1401 => ProviderErrorKind.InvalidRequest,
        1402 => ProviderErrorKind.MediaUnreachable,
        1403 or 1405 or 5000 or 5003 or 5004 => ProviderErrorKind.ProviderFailure,
        _ => null,
    };
}

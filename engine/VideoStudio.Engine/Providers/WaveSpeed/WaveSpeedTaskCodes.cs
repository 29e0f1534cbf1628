namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>The documented task error codes (wavespeed-api.md §7) and what they mean for us.</summary>
public static class WaveSpeedTaskCodes
{
    /// <summary>Blocked by content moderation.</summary>
    public const int Moderation = 1200;

    /// <summary>Timeout; also the sync-mode limit.</summary>
    public const int Timeout = 5004;

    /// <summary>The error kind for a task code, or null when the code is not a known task code.</summary>
    /// <remarks>The job runner can use this on <see cref="PredictionSnapshot.ErrorCode"/> of a failed snapshot.</remarks>
    public static WaveSpeedErrorKind? ToKind(int code) => code switch
    {
        1200 => WaveSpeedErrorKind.Moderation,
        1400 or 1401 => WaveSpeedErrorKind.InvalidRequest,
        1402 => WaveSpeedErrorKind.MediaUnreachable,
        1403 or 1405 or 5000 or 5003 or 5004 => WaveSpeedErrorKind.ProviderFailure,
        _ => null,
    };
}

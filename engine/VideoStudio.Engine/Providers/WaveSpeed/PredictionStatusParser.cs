namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Maps WaveSpeed status strings to <see cref="ProviderTaskStatus"/>.</summary>
/// <remarks>
/// Only statuses the docs or the official SDKs use are mapped (wavespeed-api.md §5). Third-party synonyms such
/// as "succeeded" or "done" stay <see cref="ProviderTaskStatus.Unknown"/>: the runner keeps polling and the
/// client logs them, rather than guessing success without evidence.
/// </remarks>
internal static class PredictionStatusParser
{
    /// <summary>The normalised status; <see cref="ProviderTaskStatus.Unknown"/> for anything else.</summary>
    public static ProviderTaskStatus Parse(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "created" => ProviderTaskStatus.Created,
        "processing" => ProviderTaskStatus.Processing,
        "completed" => ProviderTaskStatus.Completed,
        "failed" => ProviderTaskStatus.Failed,
        "cancelled" => ProviderTaskStatus.Cancelled,
        "timeout" => ProviderTaskStatus.TimedOut,
        "deleted" => ProviderTaskStatus.Deleted,
        _ => ProviderTaskStatus.Unknown,
    };
}

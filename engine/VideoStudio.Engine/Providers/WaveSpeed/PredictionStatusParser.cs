namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Maps WaveSpeed status strings to <see cref="PredictionStatus"/>.</summary>
/// <remarks>
/// Only statuses the docs or the official SDKs use are mapped (wavespeed-api.md §5). Third-party synonyms such
/// as "succeeded" or "done" stay <see cref="PredictionStatus.Unknown"/>: the runner keeps polling and the
/// client logs them, rather than guessing success without evidence.
/// </remarks>
public static class PredictionStatusParser
{
    /// <summary>The normalised status; <see cref="PredictionStatus.Unknown"/> for anything else.</summary>
    public static PredictionStatus Parse(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "created" => PredictionStatus.Created,
        "processing" => PredictionStatus.Processing,
        "completed" => PredictionStatus.Completed,
        "failed" => PredictionStatus.Failed,
        "cancelled" => PredictionStatus.Cancelled,
        "timeout" => PredictionStatus.TimedOut,
        "deleted" => PredictionStatus.Deleted,
        _ => PredictionStatus.Unknown,
    };
}

using VideoStudio.Contracts;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>The job's stable error code for each kind of provider failure.</summary>
internal static class ProviderErrors
{
    /// <summary>Maps a kind of provider failure to the job's stable error code.</summary>
    public static string CodeOf(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.Authentication => ErrorCodes.ProviderAuth,
        ProviderErrorKind.InvalidRequest => ErrorCodes.ProviderRejectedInput,
        ProviderErrorKind.Moderation => ErrorCodes.Moderation,
        ProviderErrorKind.MediaUnreachable => ErrorCodes.MediaUnreachable,
        ProviderErrorKind.InsufficientBalance => ErrorCodes.InsufficientBalance,
        ProviderErrorKind.RateLimited => ErrorCodes.RateLimited,
        ProviderErrorKind.NotFound => ErrorCodes.PredictionNotFound,
        _ => ErrorCodes.ProviderFailure,
    };

    /// <summary>True for a task the provider will not change any more.</summary>
    public static bool IsTerminal(ProviderTaskStatus status) =>
        status is ProviderTaskStatus.Completed or ProviderTaskStatus.Failed or ProviderTaskStatus.Cancelled or ProviderTaskStatus.TimedOut or ProviderTaskStatus.Deleted;

    /// <summary>A wait that doubles from <paramref name="first"/> up to <paramref name="max"/>, jittered ±25 % so hosts refused together do not retry together.</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int attempt) =>
        TimeSpan.FromSeconds(Math.Min(first.TotalSeconds * Math.Pow(2, Math.Min(attempt, 20)), max.TotalSeconds) * (0.75 + (Random.Shared.NextDouble() * 0.5)));
}

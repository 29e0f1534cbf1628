namespace VideoStudio.Engine.Providers;

/// <summary>What kind of failure the provider reported, and so what a person or the jobs can do about it.</summary>
public enum ProviderErrorKind
{
    /// <summary>The key was refused: bad key, account not topped up, or the key may not use this model.</summary>
    Authentication,

    /// <summary>The request is invalid (the plugin's schema may be stale).</summary>
    InvalidRequest,

    /// <summary>Blocked by content moderation.</summary>
    Moderation,

    /// <summary>A media URL could not be downloaded by the provider.</summary>
    MediaUnreachable,

    /// <summary>Insufficient balance.</summary>
    InsufficientBalance,

    /// <summary>Rate limited after retries.</summary>
    RateLimited,

    /// <summary>Unknown task.</summary>
    NotFound,

    /// <summary>The provider failed (its own errors, or server errors after retries).</summary>
    ProviderFailure,
}

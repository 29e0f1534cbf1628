namespace VideoStudio.Engine.Providers;

/// <summary>
/// A webhook delivery from the provider, as its adapter read it: verified (signature, timestamp window) or rejected.
/// A verified delivery is only a hint to look now: the jobs read the outcome from <see cref="IVideoProvider.GetResultAsync"/>.
/// </summary>
/// <param name="DeliveryId">The delivery's id, unique per delivery (replays repeat it), when verified.</param>
/// <param name="Task">The task the delivery is about, when verified and readable.</param>
/// <param name="RejectedBecause">Why it was rejected (no secret in it), or null when verified.</param>
/// <param name="ReplayWindow">How long a signed delivery stays acceptable: its id must be remembered at least this long.</param>
public sealed record ProviderWebhook(string? DeliveryId, ProviderTask? Task, string? RejectedBecause, TimeSpan ReplayWindow)
{
    /// <summary>Verified, with a readable task.</summary>
    public bool IsValid => RejectedBecause is null && DeliveryId is not null && Task is not null;
}

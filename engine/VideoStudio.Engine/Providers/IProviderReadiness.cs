namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional provider capability (through <see cref="IVideoProvider.GetService"/>): whether the adapter can run
/// anything on this host (the local adapter: whether FFmpeg starts). The host shows its models unavailable with the reason.
/// </summary>
public interface IProviderReadiness
{
    /// <summary>Null when the adapter can run tasks here; else why not, in one line.</summary>
    Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken);
}

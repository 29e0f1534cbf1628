namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional provider capability (through <see cref="IVideoProvider.GetService"/>): the provider's live model catalogue,
/// for drift checks against the plugins' data and for importing models as plugins.
/// </summary>
public interface IProviderCatalog
{
    /// <summary>The provider's live model catalogue.</summary>
    Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken);
}

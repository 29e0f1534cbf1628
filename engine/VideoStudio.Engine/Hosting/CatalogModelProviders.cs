using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Hosting;

/// <summary>The model → provider map the provider router reads, from the current catalog (so a reload re-routes at once).</summary>
internal sealed class CatalogModelProviders(PluginCatalogHolder catalogs) : IModelProviders
{
    /// <inheritdoc />
    public async ValueTask<string?> ProviderOfAsync(string modelId, CancellationToken cancellationToken) =>
        (await catalogs.GetAsync(cancellationToken).ConfigureAwait(false)).Registry.TryFind(modelId)?.Provider;
}

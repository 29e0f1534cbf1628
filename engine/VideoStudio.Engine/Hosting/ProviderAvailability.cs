using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Shows the models of a routed adapter that cannot run on this host (no FFmpeg for the local operations) as
/// unavailable with the reason: their plugins are marked degraded in the catalog, so plugin lists say why and next
/// steps leave them out; every other model is unaffected.
/// </summary>
internal sealed class ProviderAvailability(IEnumerable<ProviderRoute> routes)
{
    /// <summary>Marks the plugins whose models a not-ready route serves.</summary>
    public async Task MarkAsync(PluginCatalog catalog, CancellationToken cancellationToken)
    {
        foreach (ProviderRoute route in routes)
        {
            if (route.Provider.GetService<IProviderReadiness>() is { } readiness && await readiness.UnavailableReasonAsync(cancellationToken).ConfigureAwait(false) is string why)
            {
                foreach (string plugin in catalog.Registry.Models.Where(m => m.Provider == route.Name).Select(m => m.Descriptor.PluginId).Distinct(StringComparer.Ordinal))
                {
                    catalog.Health.MarkDegraded(plugin, $"Its models cannot run on this host: {why}");
                }
            }
        }
    }
}

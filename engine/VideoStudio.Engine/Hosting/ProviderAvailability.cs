using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Shows the models of a routed adapter that cannot run on this host (no FFmpeg for the local operations), and the
/// models of a provider this host has no adapter for, as unavailable with the reason: their plugins are marked
/// degraded in the catalog, so plugin lists say why and next steps leave them out; every other model is unaffected.
/// </summary>
internal sealed class ProviderAvailability(IEnumerable<ProviderRoute> routes)
{
    /// <summary>Marks the plugins whose models a not-ready route serves, or no adapter at all.</summary>
    public async Task MarkAsync(PluginCatalog catalog, CancellationToken cancellationToken)
    {
        var served = new HashSet<string>(routes.Select(r => r.Name), StringComparer.Ordinal) { RoutingVideoProvider.DefaultPrimaryName };
        foreach (var unserved in catalog.Registry.Models.Where(m => !served.Contains(m.Provider)).GroupBy(m => m.Descriptor.PluginId, StringComparer.Ordinal))
        {
            string names = string.Join(", ", unserved.Select(m => $"'{m.Provider}'").Distinct(StringComparer.Ordinal));
            catalog.Health.MarkDegraded(unserved.Key, $"Its models cannot run on this host: no adapter for the provider {names} is registered (AddProviderRoute).");
        }

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

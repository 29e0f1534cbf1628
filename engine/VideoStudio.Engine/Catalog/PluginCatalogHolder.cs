using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// The current plugin catalog, swapped atomically by a reload. A request takes the snapshot once and finishes on
/// it; a reload discovers the whole directory again in fresh load contexts, publishes the new snapshot, and then
/// starts unloading the old contexts (they go once no request holds their code) and ends the old snapshot's plugin
/// workers. The model data of replaced
/// plugin versions is retained (without code) so a job can keep the version recorded on it:
/// <see cref="FindVersion"/>.
/// </summary>
public sealed class PluginCatalogHolder(PluginDiscovery discovery, IOptions<VideoStudioOptions> options, VideoStudioMetrics metrics, ILogger<PluginCatalogHolder> logger) : IDisposable
{
    // How many replaced snapshots keep their model data for FindVersion (data only: no plugin code is pinned).
    private const int RetainedSnapshots = 32;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly LinkedList<ModelRegistry> retained = new();
    private Snapshot? current;

    private sealed record Snapshot(PluginCatalog Catalog, McMasterPluginCodeLoader Loader, long Generation);

    /// <summary>Raised after a reload published a new snapshot.</summary>
    public event Action<PluginReloadReport>? Reloaded;

    /// <summary>How many catalogs have been published (0 before the first load).</summary>
    public long Generation => Volatile.Read(ref current)?.Generation ?? 0;

    /// <summary>The current snapshot, discovering the directory on first use.</summary>
    public async Task<PluginCatalog> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is Snapshot snapshot)
        {
            return snapshot.Catalog;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return current?.Catalog ?? (await SwapAsync().ConfigureAwait(false)).Catalog;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Discovers the plugins directories again and publishes the result; returns what changed.</summary>
    public async Task<PluginReloadReport> ReloadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PluginCatalog? before = current?.Catalog;
            Snapshot after = await SwapAsync().ConfigureAwait(false);
            var report = PluginReloadReport.Between(before, after.Catalog, after.Generation);
            logger.LogInformation("Plugins reloaded (generation {Generation}): added [{Added}], removed [{Removed}], changed [{Changed}]",
                report.Generation, string.Join(", ", report.Added), string.Join(", ", report.Removed), string.Join(", ", report.Changed));
            Reloaded?.Invoke(report);
            return report;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The model <paramref name="idOrAlias"/> as plugin version <paramref name="pluginVersion"/> defined it: from the
    /// current snapshot when it still has that version, else from a retained older one; null when neither has it.
    /// Use the result's data (pricing, processing, limits); its code is the current snapshot's.
    /// </summary>
    public ModelDefinition? FindVersion(string idOrAlias, string pluginVersion)
    {
        ModelDefinition? now = Volatile.Read(ref current)?.Catalog.Registry.TryFind(idOrAlias);
        if (now is not null && now.PluginVersion == pluginVersion)
        {
            return now;
        }

        lock (retained)
        {
            return retained.Select(r => r.TryFind(idOrAlias)).FirstOrDefault(m => m is not null && m.PluginVersion == pluginVersion);
        }
    }

    // Discovery runs to the end whatever the caller's token: a half-read catalog is never published.
    private async Task<Snapshot> SwapAsync()
    {
        var loader = new McMasterPluginCodeLoader();
        PluginCatalog catalog = await discovery.DiscoverAsync(options.Value.PluginsDirectories, CancellationToken.None, loader).ConfigureAwait(false);
        foreach (PluginInfo plugin in catalog.Plugins)
        {
            metrics.PluginLoaded(VideoStudioMetrics.Wire(plugin.Status));
        }

        Snapshot? old = current;
        var next = new Snapshot(catalog, loader, (old?.Generation ?? 0) + 1);
        Volatile.Write(ref current, next);
        if (old is not null)
        {
            lock (retained)
            {
                retained.AddFirst(old.Catalog.Registry);
                while (retained.Count > RetainedSnapshots)
                {
                    retained.RemoveLast();
                }
            }

            old.Loader.Dispose();
            old.Catalog.Workers.Dispose(); // ends the old workers, and with them whatever their code held
        }

        return next;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        current?.Loader.Dispose();
        current?.Catalog.Workers.Dispose();
        gate.Dispose();
    }
}

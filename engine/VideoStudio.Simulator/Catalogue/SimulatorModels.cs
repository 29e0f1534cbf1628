using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Simulator.Catalogue;

/// <summary>
/// The models the simulator runs: those its plugins directory defines. It follows installs and reloads: when asked
/// for a model it does not have, or for its list, it reads the directory again if any plugin manifest there changed
/// since the last read, so a model installed into a running <c>serve</c> runs without a restart.
/// </summary>
internal sealed class SimulatorModels(PluginCatalogHolder holder, SimulatorOptions options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? loadedFingerprint;

    /// <summary>Loads the plugins directory for the first time and remembers its manifests.</summary>
    public async Task<PluginCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        string before = Fingerprint();
        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        loadedFingerprint ??= before;
        return catalog;
    }

    /// <summary>The model <paramref name="modelId"/> (exact id), reading the directory again when it is unknown and the directory changed.</summary>
    public async Task<ModelDefinition?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        if (Exact(catalog, modelId) is { } model)
        {
            return model;
        }

        return Exact(await CurrentAsync(cancellationToken).ConfigureAwait(false), modelId);
    }

    /// <summary>The catalog, read again first when a manifest in the directory changed since the last read.</summary>
    public async Task<PluginCatalog> CurrentAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string before = Fingerprint();
            if (before != loadedFingerprint)
            {
                await holder.ReloadAsync(cancellationToken).ConfigureAwait(false);
                loadedFingerprint = before;
            }

            return await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static ModelDefinition? Exact(PluginCatalog catalog, string modelId) =>
        catalog.Registry.TryFind(modelId) is { } model && model.Id == modelId ? model : null;

    // Which manifests exist and when each was last written: cheap enough to compare on every lookup miss.
    private string Fingerprint() =>
        string.Join('|', new[] { options.PluginsDirectory, options.UserPluginsDirectory }.OfType<string>().Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "plugin.json", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(directory, f).StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}"));

    public void Dispose() => gate.Dispose();
}

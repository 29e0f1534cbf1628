using System.Diagnostics;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Simulator.Catalogue;

/// <summary>
/// The models the simulator runs: those its plugins directories define. It follows installs and reloads: when asked
/// for a model it does not have, or for its list, and at most every <see cref="RecheckInterval"/> otherwise, it reads
/// the directories again if any plugin file there (manifest, schema, pricing rule, code) changed since the last read,
/// so a model installed into a running <c>serve</c> runs without a restart, and a reloaded plugin's new schema or price
/// is what the simulator validates and charges by, as the host does.
/// </summary>
internal sealed class SimulatorModels(PluginCatalogHolder holder, SimulatorOptions options) : IDisposable
{
    /// <summary>How long a known model is served from the catalog read last before the files are compared again.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim gate = new(1, 1);
    private string? loadedFingerprint;
    private long lastCheck = Stopwatch.GetTimestamp();

    /// <summary>Loads the plugins directory for the first time and remembers its manifests.</summary>
    public async Task<PluginCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        string before = Fingerprint();
        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        loadedFingerprint ??= before;
        return catalog;
    }

    /// <summary>
    /// The model <paramref name="modelId"/> (exact id): read again when it is unknown and a plugin file changed, or when
    /// it is known but the files were last compared more than <see cref="RecheckInterval"/> ago and changed since.
    /// </summary>
    public async Task<ModelDefinition?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        bool known = Exact(catalog, modelId) is not null;
        if (known && !RecheckDue())
        {
            return Exact(catalog, modelId);
        }

        return Exact(await RefreshAsync(force: !known, cancellationToken).ConfigureAwait(false), modelId);
    }

    /// <summary>The catalog, read again first when a plugin file in the directories changed since the last read.</summary>
    public Task<PluginCatalog> CurrentAsync(CancellationToken cancellationToken) => RefreshAsync(force: true, cancellationToken);

    private bool RecheckDue() => Stopwatch.GetElapsedTime(Volatile.Read(ref lastCheck)) >= RecheckInterval;

    // A recheck that finds another caller compared the files moments ago answers its catalog; a miss always compares.
    private async Task<PluginCatalog> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!force && !RecheckDue())
            {
                return await holder.GetAsync(cancellationToken).ConfigureAwait(false);
            }

            string before = Fingerprint();
            Volatile.Write(ref lastCheck, Stopwatch.GetTimestamp());
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

    // Which plugin files exist and when each was last written (dot-folders, where installs stage, skipped): a few
    // hundred stat calls, cheap enough for every lookup miss and every recheck.
    private string Fingerprint() =>
        string.Join('|', new[] { options.PluginsDirectory, options.UserPluginsDirectory }.OfType<string>().Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'))))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}"));

    public void Dispose() => gate.Dispose();
}

using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// Scans a plugins directory: reads each folder's data (quarantining bad files), lets folders claim their plugin id,
/// model ids and aliases in <see cref="PluginPrecedence"/> order (a later claimant is refused, naming the holder),
/// records newcomers in the <see cref="PluginInstallRecord"/>, then activates each plugin's code (a failure leaves its
/// models listed and priced but not runnable). One broken or conflicting folder never stops the host or costs
/// another plugin its models.
/// </summary>
public sealed class PluginDiscovery(PluginFolderReader reader, PluginCodeActivator activator, PluginCallBudget budget, ILogger<PluginDiscovery> logger)
{
    /// <summary>Discovers every plugin under <paramref name="pluginsDirectory"/>, loading code with <paramref name="loader"/> (the activator's default when null).</summary>
    public Task<PluginCatalog> DiscoverAsync(string pluginsDirectory, CancellationToken cancellationToken, IPluginCodeLoader? loader = null)
    {
        // Dot-folders are the installer's staging and the OS's own (e.g. .DS_Store's siblings): never plugins.
        string[] folders = Directory.Exists(pluginsDirectory)
            ? Directory.GetDirectories(pluginsDirectory).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray()
            : [];
        if (folders.Length == 0)
        {
            logger.LogWarning("No plugin folders in {Directory}", pluginsDirectory);
        }

        return DiscoverFoldersAsync(pluginsDirectory, folders, loader, cancellationToken);
    }

    /// <summary>
    /// Checks one plugin folder anywhere on disk exactly as the host loads it (limits, meta-schemas, invariants,
    /// card examples, code), without installing it or touching any install record: what `plugins check` runs.
    /// </summary>
    public async Task<PluginCatalog> CheckFolderAsync(string folder, CancellationToken cancellationToken)
    {
        using var loader = new McMasterPluginCodeLoader();
        return await DiscoverFoldersAsync(null, [Path.GetFullPath(folder)], loader, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PluginCatalog> DiscoverFoldersAsync(string? pluginsDirectory, string[] folders, IPluginCodeLoader? loader, CancellationToken cancellationToken)
    {
        var infos = new List<PluginInfo>();
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);

        // Folders are independent: read them (and below, activate their code) side by side, keeping folder order.
        var read = new List<PluginFolderReader.PluginData>();
        foreach ((string folder, PluginFolderReader.PluginData? data, Exception? failure) in await Task.WhenAll(folders.Select(f => Task.Run(() => ReadAsync(f, cancellationToken), cancellationToken))).ConfigureAwait(false))
        {
            switch (failure)
            {
                case null:
                    read.Add(data!);
                    break;
                case PluginQuarantineException ex:
                    infos.Add(Quarantined(folder, ex.Declared?.Id ?? Path.GetFileName(folder), ex.Declared?.Version ?? string.Empty, ex.Message));
                    AddRefusals(refusals, ex.Declared, folder, ex.Message);
                    break;
                default:
                    // The reader turns every parser failure into a quarantine; this is the last line that keeps the host up.
                    infos.Add(Quarantined(folder, Path.GetFileName(folder), string.Empty, $"the folder could not be read ({failure.GetType().Name}: {failure.Message})."));
                    break;
            }
        }

        PluginInstallRecord record = pluginsDirectory is null ? PluginInstallRecord.Empty : PluginInstallRecord.Read(pluginsDirectory, logger);
        var ranked = PluginPrecedence.InOrder(read.Select(d => (Data: d, Rank: PluginPrecedence.RankOf(record, d.Directory, d.Manifest.Id))), r => r.Rank).ToArray();
        var holders = new Dictionary<string, (string PluginId, PluginPrecedence.Rank Rank)>(StringComparer.Ordinal);
        var accepted = new List<PluginFolderReader.PluginData>();
        foreach ((PluginFolderReader.PluginData data, PluginPrecedence.Rank rank) in ranked)
        {
            string? conflict = FindConflict(data, holders);
            if (conflict is not null)
            {
                infos.Add(Quarantined(data.Directory, data.Manifest.Id, data.Manifest.Version, conflict));
                AddRefusals(refusals, data.Manifest, data.Directory, conflict);
                continue;
            }

            holders["plugin:" + data.Manifest.Id] = (data.Manifest.Id, rank);
            foreach (string name in NamesOf(data.Manifest))
            {
                holders[name] = (data.Manifest.Id, rank);
            }

            accepted.Add(data);
        }

        if (pluginsDirectory is not null)
        {
            RecordNewcomers(record, ranked, folders);
        }
        var code = new Dictionary<string, PluginCode>(StringComparer.Ordinal);
        foreach ((PluginFolderReader.PluginData data, PluginCode? activated, string? reason) in await Task.WhenAll(accepted.Select(d => Task.Run(() => Activate(d, loader), cancellationToken))).ConfigureAwait(false))
        {
            if (activated is not null)
            {
                code[data.Manifest.Id] = activated;
            }

            infos.Add(new PluginInfo(data.Manifest.Id, data.Manifest.Name, data.Manifest.Version, data.Directory, reason is null ? PluginStatus.Active : PluginStatus.CodeFailed, reason, data.Models.Select(m => m.Id).ToArray()));
        }

        var registry = new ModelRegistry(accepted.SelectMany(d => d.Models), refusals);
        return new PluginCatalog(infos.OrderBy(i => i.Id, StringComparer.Ordinal).ThenBy(i => i.Directory, StringComparer.Ordinal).ToArray(), registry, code, budget);
    }

    private async Task<(string Folder, PluginFolderReader.PluginData? Data, Exception? Failure)> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            return (folder, await reader.ReadAsync(folder, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (folder, null, ex);
        }
    }

    private (PluginFolderReader.PluginData Data, PluginCode? Code, string? Reason) Activate(PluginFolderReader.PluginData data, IPluginCodeLoader? loader)
    {
        try
        {
            return (data, activator.Activate(data.Manifest, data.Directory, data.Models.Select(m => m.Descriptor).ToArray(), loader).Code, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Plugin {Plugin} code not loaded: {Reason}", data.Manifest.Id, ex.Message);
            return (data, null, ex.Message + " Its models are listed and priced but cannot run until this is fixed.");
        }
    }

    private static IEnumerable<string> NamesOf(PluginManifest manifest) =>
        manifest.Models.SelectMany(m => (m.Aliases ?? []).Prepend(m.Id));

    private static string? FindConflict(PluginFolderReader.PluginData data, Dictionary<string, (string PluginId, PluginPrecedence.Rank Rank)> holders)
    {
        if (holders.TryGetValue("plugin:" + data.Manifest.Id, out var sameId))
        {
            return $"plugin id '{data.Manifest.Id}' is already installed in another folder ({sameId.Rank.Describe()}); this folder was refused. Upgrade a plugin by replacing its folder's contents (or 'videostudio plugins install' over it), not by adding a second copy.";
        }

        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in NamesOf(data.Manifest))
        {
            if (!own.Add(name))
            {
                return $"plugin.json declares '{name}' twice; each model id and alias must be unique.";
            }

            if (holders.TryGetValue(name, out var holder))
            {
                return $"model id or alias '{name}' is already provided by plugin '{holder.PluginId}' ({holder.Rank.Describe()}), which keeps it; this plugin was refused. Rename the model or alias, or remove plugin '{holder.PluginId}' first.";
            }
        }

        return null;
    }

    // A name nobody serves because its plugin was refused explains the "unknown model" a caller then meets.
    private static void AddRefusals(Dictionary<string, string> refusals, PluginManifest? declared, string folder, string reason)
    {
        foreach (string name in declared is null ? [] : NamesOf(declared))
        {
            refusals.TryAdd(name, $"plugin '{declared!.Id}' (folder {Path.GetFileName(folder)}) declares it but was refused: {reason}");
        }
    }

    private void RecordNewcomers(PluginInstallRecord record, IReadOnlyList<(PluginFolderReader.PluginData Data, PluginPrecedence.Rank Rank)> ranked, string[] folders)
    {
        var newcomers = ranked.Where(r => r.Rank.Tier == 2).Select(r => (Path.GetFileName(r.Data.Directory), r.Data.Manifest.Id)).ToArray();
        var present = folders.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (record.Save(newcomers, present, logger))
        {
            logger.LogInformation("Plugin install record updated: {Count} newcomer(s)", newcomers.Length);
        }
    }

    private PluginInfo Quarantined(string folder, string id, string version, string reason)
    {
        logger.LogWarning("Plugin folder {Folder} quarantined: {Reason}", folder, reason);
        return new PluginInfo(id, id, version, folder, PluginStatus.Quarantined, reason, []);
    }
}

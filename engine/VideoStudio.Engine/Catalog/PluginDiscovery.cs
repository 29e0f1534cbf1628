using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Plugins.Isolation;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// Scans the plugins directories (the shipped one, then the user's): reads each folder's data (quarantining bad files), lets folders claim their plugin id,
/// model ids and aliases in <see cref="PluginPrecedence"/> order (a later claimant is refused, naming the holder),
/// records newcomers in the <see cref="PluginInstallRecord"/>, then activates each plugin's code (a failure leaves its
/// models listed and priced but not runnable). In-process code that activated in this engine build before (its code
/// key is in the catalog cache) is activated only when a request first needs it (<see cref="DeferredPluginCode"/>), so
/// listing models, prices and statuses loads no plugin code. Worker plugins' card examples are planned once at load,
/// so reading their cards never calls their code. Code runs in the host only for the built-in plugins and those listed in
/// <see cref="PluginLimits.InProcessPlugins"/>; every other plugin's code runs in a worker process of its own
/// (<see cref="PluginWorker"/>). One broken, conflicting or hostile folder never stops the host or costs another
/// plugin its models.
/// </summary>
public sealed class PluginDiscovery(
    PluginFolderReader reader,
    PluginCodeActivator activator,
    PluginValidationCache cache,
    PluginCallBudget budget,
    ICardExamplePlanner examplePlanner,
    IOptions<PluginLimits> limits,
    IOptions<VideoStudioOptions> options,
    TimeProvider time,
    ILogger<PluginDiscovery> logger)
{
    /// <summary>Discovers every plugin under <paramref name="pluginsDirectory"/>, loading code with <paramref name="loader"/> (the activator's default when null).</summary>
    public Task<PluginCatalog> DiscoverAsync(string pluginsDirectory, CancellationToken cancellationToken, IPluginCodeLoader? loader = null) =>
        DiscoverAsync([pluginsDirectory], cancellationToken, loader);

    /// <summary>
    /// Discovers every plugin under each of <paramref name="pluginsDirectories"/> (the shipped plugins, then the
    /// user's own): each directory keeps its own install record, and a directory's folders claim their names after
    /// every folder of the directories before it, so a user's install never displaces a shipped plugin.
    /// </summary>
    public Task<PluginCatalog> DiscoverAsync(IReadOnlyList<string> pluginsDirectories, CancellationToken cancellationToken, IPluginCodeLoader? loader = null)
    {
        // Dot-folders are the installer's staging and the OS's own (e.g. .DS_Store's siblings): never plugins.
        var roots = pluginsDirectories.Select(directory => new Root(directory, Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray()
            : [])).ToArray();
        if (roots.All(r => r.Folders.Length == 0))
        {
            logger.LogWarning("No plugin folders in {Directory}", string.Join(", ", pluginsDirectories));
        }

        return DiscoverFoldersAsync(roots, loader, isolateAll: false, cancellationToken);
    }

    /// <summary>
    /// Checks one plugin folder anywhere on disk exactly as the host loads it (limits, meta-schemas, invariants,
    /// card examples, code), without installing it or touching any install record: what `plugins check` runs. Its code
    /// always runs in a worker, as the host runs a plugin it does not trust, and the worker is ended before this returns.
    /// </summary>
    public async Task<PluginCatalog> CheckFolderAsync(string folder, CancellationToken cancellationToken)
    {
        using var loader = new McMasterPluginCodeLoader();
        PluginCatalog catalog = await DiscoverFoldersAsync([new Root(null, [Path.GetFullPath(folder)])], loader, isolateAll: true, cancellationToken).ConfigureAwait(false);
        catalog.Workers.Dispose();
        return catalog;
    }

    // A plugins directory (null: a folder checked on its own, with no install record) and its plugin folders.
    private sealed record Root(string? Directory, string[] Folders);

    private async Task<PluginCatalog> DiscoverFoldersAsync(Root[] roots, IPluginCodeLoader? loader, bool isolateAll, CancellationToken cancellationToken)
    {
        string[] folders = roots.SelectMany(r => r.Folders).ToArray();
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

        PluginInstallRecord[] records = roots.Select(r => r.Directory is null ? PluginInstallRecord.Empty : PluginInstallRecord.Read(r.Directory, options.Value.PluginStateDirectory, logger)).ToArray();
        int RootOf(string folder) => Math.Max(0, Array.FindIndex(roots, r => r.Folders.Contains(folder, StringComparer.Ordinal)));
        var ranked = PluginPrecedence.InOrder(read.Select(d => (Data: d, Rank: PluginPrecedence.RankOf(records[RootOf(d.Directory)], RootOf(d.Directory), d.Directory, d.Manifest.Id))), r => r.Rank).ToArray();
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

        for (int i = 0; i < roots.Length; i++)
        {
            if (roots[i].Directory is not null)
            {
                RecordNewcomers(records[i], ranked.Where(r => r.Rank.Root == i).ToArray(), roots[i].Folders);
            }
        }

        var code = new Dictionary<string, PluginCode>(StringComparer.Ordinal);
        var deferred = new Dictionary<string, DeferredPluginCode>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        var health = new PluginHealth();
        var workers = new PluginWorkerSet();
        var inProcess = ranked.Where(r => !isolateAll && (r.Rank.Tier == 0 || limits.Value.InProcessPlugins.Contains(r.Data.Manifest.Id, StringComparer.Ordinal)))
            .Select(r => r.Data).ToHashSet();
        foreach ((PluginFolderReader.PluginData data, PluginCode? activated, string? reason, DeferredPluginCode? later) in await Task.WhenAll(accepted.Select(d => Task.Run(() => ActivateAsync(d, loader, inProcess.Contains(d), health, workers), cancellationToken))).ConfigureAwait(false))
        {
            if (later is not null)
            {
                deferred[data.Manifest.Id] = later;
            }
            else if (activated is not null)
            {
                code[data.Manifest.Id] = activated;
            }
            else
            {
                failed[data.Manifest.Id] = reason!;
            }
        }

        var registry = new ModelRegistry(accepted.SelectMany(d => d.Models), refusals);
        PluginCatalog Build(PluginHealth state) => new(
            infos.Concat(accepted.Select(d => new PluginInfo(d.Manifest.Id, d.Manifest.Name, d.Manifest.Version, d.Directory,
                    failed.ContainsKey(d.Manifest.Id) ? PluginStatus.CodeFailed : PluginStatus.Active, failed.GetValueOrDefault(d.Manifest.Id), d.Models.Select(m => m.Id).ToArray())))
                .OrderBy(i => i.Id, StringComparer.Ordinal).ThenBy(i => i.Directory, StringComparer.Ordinal).ToArray(),
            registry, code, budget, state) { Workers = workers, DeferredCode = deferred };

        PluginCatalog catalog = Build(health);
        IReadOnlyDictionary<string, EstimateReport> examples = await PlanExamplesAsync(catalog, accepted).ConfigureAwait(false);

        // Code that fails on its own card example (exits, hangs, throws, answers nonsense) fails at load, not on a later request.
        string[] broken = accepted.Select(d => workers.Of(d.Manifest.Id)).OfType<PluginWorker>().Where(w => (w.LastFailure ?? w.LastThrow) is not null).Select(w => w.PluginId).ToArray();
        if (broken.Length > 0)
        {
            foreach (string id in broken)
            {
                string why = (workers.Of(id)!.LastFailure ?? workers.Of(id)!.LastThrow)!;
                logger.LogWarning("Plugin {Plugin} code failed on its card example: {Reason}", id, why);
                failed[id] = $"its code failed on its card example at load: {why}. Its models are listed and priced but cannot run until this is fixed.";
                code.Remove(id);
                workers.Remove(id);
            }

            catalog = Build(new PluginHealth());
            examples = await PlanExamplesAsync(catalog, accepted).ConfigureAwait(false);
        }

        catalog.KeepExamples(examples);
        return catalog;
    }

    // The card examples of worker plugins: each plugin's in order (its worker takes one call at a time), plugins
    // side by side; a plugin whose worker failed stops there. Other plugins' examples are planned when first read.
    private async Task<IReadOnlyDictionary<string, EstimateReport>> PlanExamplesAsync(PluginCatalog catalog, IReadOnlyList<PluginFolderReader.PluginData> plugins)
    {
        var plans = await Task.WhenAll(plugins.Where(d => catalog.Workers.Of(d.Manifest.Id) is not null).Select(async data =>
        {
            var planned = new List<(string Id, EstimateReport Report)>();
            PluginWorker? worker = catalog.Workers.Of(data.Manifest.Id);
            foreach (ModelDefinition model in data.Models.Where(m => catalog.Registry.TryFind(m.Id) is not null))
            {
                if (worker?.LastFailure is not null)
                {
                    break;
                }

                planned.Add((model.Id, await examplePlanner.PlanAsync(catalog, model, CancellationToken.None).ConfigureAwait(false)));
            }

            return planned;
        })).ConfigureAwait(false);
        return plans.SelectMany(p => p).ToDictionary(p => p.Id, p => p.Report, StringComparer.Ordinal);
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

    private async Task<(PluginFolderReader.PluginData Data, PluginCode? Code, string? Reason, DeferredPluginCode? Deferred)> ActivateAsync(
        PluginFolderReader.PluginData data, IPluginCodeLoader? loader, bool inProcess, PluginHealth health, PluginWorkerSet workers)
    {
        ModelDescriptor[] models = data.Models.Select(m => m.Descriptor).ToArray();
        try
        {
            if (!PluginCodeActivator.HasCode(data.Manifest, data.Directory))
            {
                return (data, PluginCode.None, null, null);
            }

            if (inProcess)
            {
                return ActivateInProcess(data, models, loader);
            }

            var worker = new PluginWorker(data.Manifest, data.Directory, models, limits.Value, health, time, logger);
            try
            {
                WorkerActivation activation = await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
                PluginCode remote = RemoteCode.From(worker, activation, data.Manifest);
                workers.Add(worker);
                return (data, remote, null, null);
            }
            catch
            {
                worker.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (data, null, CodeFailure(data, ex), null);
        }
    }

    // Code whose exact bytes activated in this engine before is deferred to its first use; other code is activated
    // now, and its key recorded once it succeeds. A failure is never recorded: broken code is tried (and its
    // status shown) on every load.
    private (PluginFolderReader.PluginData Data, PluginCode? Code, string? Reason, DeferredPluginCode? Deferred) ActivateInProcess(
        PluginFolderReader.PluginData data, ModelDescriptor[] models, IPluginCodeLoader? loader)
    {
        string? key = cache.Enabled ? PluginValidationCache.CodeKeyOf(data.Manifest.Id, data.Directory) : null;
        if (key is not null && cache.ReadEntry(key) is string entry)
        {
            return (data, null, null, new DeferredPluginCode(() => activator.Activate(data.Manifest, data.Directory, models, loader).Code, ex => CodeFailure(data, ex), ModelsNeedingCode(data.Manifest, entry)));
        }

        PluginCode code = activator.Activate(data.Manifest, data.Directory, models, loader).Code;
        if (key is not null)
        {
            cache.MarkValidated(key, data.Manifest.Id, data.Manifest.Version, code.Normalizers.Count == 0 && code.OutputMappers.Count == 0 ? RulesOnly : null);
        }

        return (data, code, null, null);
    }

    // The detail of a code entry whose activation found input rules only (no normalisers, no output mappers).
    private const string RulesOnly = "rules-only";

    // With rules-only code whose rules the manifest binds, only the models it lists rules for need the code.
    private static HashSet<string>? ModelsNeedingCode(PluginManifest manifest, string entry) =>
        entry.TrimEnd().EndsWith(" " + RulesOnly, StringComparison.Ordinal) && manifest.Models.Any(m => m.Rules is not null)
            ? manifest.Models.Where(m => m.Rules is { Count: > 0 }).Select(m => m.Id).ToHashSet(StringComparer.Ordinal)
            : null;

    private string CodeFailure(PluginFolderReader.PluginData data, Exception ex)
    {
        logger.LogWarning("Plugin {Plugin} code not loaded: {Reason}", data.Manifest.Id, ex.Message);
        return ex.Message.TrimEnd('.') + ". Its models are listed and priced but cannot run until this is fixed.";
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

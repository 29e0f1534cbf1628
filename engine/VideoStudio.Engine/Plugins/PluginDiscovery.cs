using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Scans a plugins directory: reads each folder's data (quarantining bad files), rejects model ids or aliases
/// claimed twice, then activates each plugin's code (a failure leaves its models listed and priced but not
/// runnable). One broken plugin never stops the host or the others.
/// </summary>
public sealed class PluginDiscovery(PluginFolderReader reader, PluginCodeActivator activator, ILogger<PluginDiscovery> logger)
{
    /// <summary>Discovers every plugin under <paramref name="pluginsDirectory"/>.</summary>
    public async Task<PluginCatalog> DiscoverAsync(string pluginsDirectory, CancellationToken cancellationToken)
    {
        var infos = new List<PluginInfo>();
        var accepted = new List<PluginFolderReader.PluginData>();
        var claimedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] folders = Directory.Exists(pluginsDirectory)
            ? Directory.GetDirectories(pluginsDirectory).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (folders.Length == 0)
        {
            logger.LogWarning("No plugin folders in {Directory}", pluginsDirectory);
        }

        foreach (string folder in folders)
        {
            PluginFolderReader.PluginData data;
            try
            {
                data = await reader.ReadAsync(folder, cancellationToken).ConfigureAwait(false);
            }
            catch (PluginQuarantineException ex)
            {
                infos.Add(Quarantined(folder, ex.Declared?.Id ?? Path.GetFileName(folder), ex.Declared?.Version ?? string.Empty, ex.Message));
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reader turns every parser failure into a quarantine; this is the last line that keeps the host up.
                infos.Add(Quarantined(folder, Path.GetFileName(folder), string.Empty, $"the folder could not be read ({ex.GetType().Name}: {ex.Message})."));
                continue;
            }

            string? conflict = FindConflict(data, claimedBy);
            if (conflict is not null)
            {
                infos.Add(Quarantined(folder, data.Manifest.Id, data.Manifest.Version, conflict));
                continue;
            }

            foreach (string name in data.Models.SelectMany(m => m.Descriptor.Aliases.Prepend(m.Id)))
            {
                claimedBy[name] = data.Manifest.Id;
            }

            accepted.Add(data);
        }

        var code = new Dictionary<string, PluginCode>(StringComparer.Ordinal);
        foreach (PluginFolderReader.PluginData data in accepted)
        {
            PluginStatus status = PluginStatus.Active;
            string? reason = null;
            try
            {
                code[data.Manifest.Id] = activator.Activate(data.Manifest, data.Directory, data.Models.Select(m => m.Descriptor).ToArray()).Code;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                status = PluginStatus.CodeFailed;
                reason = ex.Message + " Its models are listed and priced but cannot run until this is fixed.";
                logger.LogWarning("Plugin {Plugin} code not loaded: {Reason}", data.Manifest.Id, ex.Message);
            }

            infos.Add(new PluginInfo(data.Manifest.Id, data.Manifest.Name, data.Manifest.Version, data.Directory, status, reason, data.Models.Select(m => m.Id).ToArray()));
        }

        return new PluginCatalog(
            infos.OrderBy(i => i.Id, StringComparer.Ordinal).ToArray(),
            new ModelRegistry(accepted.SelectMany(d => d.Models)),
            code);
    }

    private static string? FindConflict(PluginFolderReader.PluginData data, Dictionary<string, string> claimedBy)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in data.Models.SelectMany(m => m.Descriptor.Aliases.Prepend(m.Id)))
        {
            if (!own.Add(name))
            {
                return $"plugin.json declares '{name}' twice; each model id and alias must be unique.";
            }

            if (claimedBy.TryGetValue(name, out string? owner))
            {
                return $"model id or alias '{name}' is already provided by plugin '{owner}'; remove one of the two plugins or rename the alias.";
            }
        }

        return claimedBy.ContainsValue(data.Manifest.Id)
            ? $"plugin id '{data.Manifest.Id}' is already used by another folder; keep one copy."
            : null;
    }

    private PluginInfo Quarantined(string folder, string id, string version, string reason)
    {
        logger.LogWarning("Plugin folder {Folder} quarantined: {Reason}", folder, reason);
        return new PluginInfo(id, id, version, folder, PluginStatus.Quarantined, reason, []);
    }
}

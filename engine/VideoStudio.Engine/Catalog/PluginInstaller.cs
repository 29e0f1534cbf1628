using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// Installs a plugin folder or zip into the plugins directory (the user's own when the host has one:
/// <see cref="VideoStudioOptions.InstallDirectory"/>), and removes one by plugin id. A plugin is checked
/// exactly as the host loads it before anything in the directory changes; the swap is a rename of a complete
/// folder (staged beside it under a dot-name that discovery skips), so a watching server never reads half a copy.
/// Installing a plugin id that is already installed replaces that folder's contents (an upgrade keeps its place
/// in the install record); a new plugin is recorded as the latest install.
/// </summary>
internal sealed class PluginInstaller(PluginDiscovery discovery, IOptions<VideoStudioOptions> options, ILogger<PluginInstaller> logger)
{
    private string Root => options.Value.InstallDirectory;

    /// <summary>Checks and installs <paramref name="source"/> (a folder or a .zip), verifying the zip's SHA-256 when <paramref name="sha256"/> is given.</summary>
    /// <exception cref="PluginInstallException">The source is missing, its hash differs, or the plugin does not load cleanly.</exception>
    public async Task<PluginInstallResult> InstallAsync(string source, string? sha256, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        string staging = Path.Combine(Root, ".staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            await StageAsync(source, sha256, staging, cancellationToken).ConfigureAwait(false);
            string pluginRoot = PluginRootIn(staging);
            PluginCatalog checkedCatalog = await discovery.CheckFolderAsync(pluginRoot, cancellationToken).ConfigureAwait(false);
            PluginInfo plugin = checkedCatalog.Plugins.Single();
            if (plugin.Status != PluginStatus.Active)
            {
                throw new PluginInstallException($"the plugin was not installed: {plugin.Status}: {plugin.Reason}");
            }

            if (Root != options.Value.PluginsDirectory && FindInstalled(options.Value.PluginsDirectory, plugin.Id).Folder is string shipped)
            {
                throw new PluginInstallException($"plugin '{plugin.Id}' ships with VideoStudio ({Path.Combine(options.Value.PluginsDirectory, shipped)}); a copy in your plugins directory would be refused. Give your plugin another id, or install into that directory with --plugins-dir.");
            }

            (string? existing, string? oldVersion) = FindInstalled(Root, plugin.Id);
            string target = existing ?? FreeFolderName(plugin.Id);
            Swap(pluginRoot, Path.Combine(Root, target));
            if (existing is null)
            {
                PluginInstallRecord record = PluginInstallRecord.Read(Root, options.Value.PluginStateDirectory, logger);
                record.Save([(target, plugin.Id)], Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal), logger);
            }

            logger.LogInformation("Installed plugin {Plugin} {Version} into {Folder}", plugin.Id, plugin.Version, target);
            return new PluginInstallResult(plugin with { Directory = Path.Combine(Root, target) }, Path.Combine(Root, target), oldVersion);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>Removes the folder that holds <paramref name="pluginId"/>; returns it.</summary>
    /// <exception cref="PluginInstallException">No folder holds that plugin id.</exception>
    public string Remove(string pluginId)
    {
        (string? folder, _) = FindInstalled(Root, pluginId);
        if (folder is null)
        {
            throw new PluginInstallException($"no folder in {Root} holds plugin '{pluginId}'; run 'videostudio plugins' to list them.");
        }

        string aside = Path.Combine(Root, ".removed-" + Guid.NewGuid().ToString("N"));
        Directory.Move(Path.Combine(Root, folder), aside);
        TryDelete(aside);
        logger.LogInformation("Removed plugin {Plugin} (folder {Folder})", pluginId, folder);
        return Path.Combine(Root, folder);
    }

    private static async Task StageAsync(string source, string? sha256, string staging, CancellationToken cancellationToken)
    {
        if (Directory.Exists(source))
        {
            if (sha256 is not null)
            {
                throw new PluginInstallException("--sha256 checks a zip file; a folder has no single hash. Zip the folder, or install without --sha256.");
            }

            CopyDirectory(source, staging);
            return;
        }

        if (!File.Exists(source))
        {
            throw new PluginInstallException($"'{source}' is neither a plugin folder nor a zip file.");
        }

        if (sha256 is not null)
        {
            await using FileStream stream = File.OpenRead(source);
            string actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(actual, sha256.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new PluginInstallException($"the SHA-256 of {Path.GetFileName(source)} is {actual}, not {sha256}; the file was not installed.");
            }
        }

        try
        {
            ZipFile.ExtractToDirectory(source, staging); // refuses entries that would land outside the folder
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new PluginInstallException($"{Path.GetFileName(source)} is not a readable zip: {ex.Message}", ex);
        }
    }

    // A zip may hold the plugin at its root or inside one top-level folder.
    private static string PluginRootIn(string staging)
    {
        if (File.Exists(Path.Combine(staging, PluginFolderReader.ManifestFileName)))
        {
            return staging;
        }

        string[] dirs = Directory.GetDirectories(staging);
        return dirs.Length == 1 && File.Exists(Path.Combine(dirs[0], PluginFolderReader.ManifestFileName))
            ? dirs[0]
            : throw new PluginInstallException($"no {PluginFolderReader.ManifestFileName} at the top of the source (or of its only folder).");
    }

    private static (string? Folder, string? Version) FindInstalled(string root, string pluginId)
    {
        foreach (string folder in Directory.Exists(root) ? Directory.GetDirectories(root) : [])
        {
            string name = Path.GetFileName(folder);
            string manifest = Path.Combine(folder, PluginFolderReader.ManifestFileName);
            if (name.StartsWith('.') || !File.Exists(manifest) || new FileInfo(manifest).Length > 4 * 1024 * 1024)
            {
                continue;
            }

            try
            {
                JsonNode? json = JsonNode.Parse(File.ReadAllText(manifest), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
                if (json?["id"]?.GetValue<string>() == pluginId)
                {
                    return (name, json["version"]?.GetValue<string>());
                }
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or IOException)
            {
                // A broken folder holds no plugin id.
            }
        }

        return (null, null);
    }

    private string FreeFolderName(string pluginId)
    {
        string name = new(pluginId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        name = name.TrimStart('.');
        string candidate = name.Length == 0 ? "plugin" : name;
        for (int i = 2; Directory.Exists(Path.Combine(Root, candidate)); i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }

    // Complete folder in, old folder out, by renames inside the plugins directory.
    private void Swap(string from, string target)
    {
        string? aside = null;
        if (Directory.Exists(target))
        {
            aside = Path.Combine(Root, ".replaced-" + Guid.NewGuid().ToString("N"));
            Directory.Move(target, aside);
        }

        Directory.Move(from, target);
        if (aside is not null)
        {
            TryDelete(aside);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        Directory.CreateDirectory(target);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A dot-folder left behind is skipped by discovery.
        }
    }
}

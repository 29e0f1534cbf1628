using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Catalog.Import;

/// <summary>
/// <c>videostudio plugins import</c> and <c>POST /v1/plugins/import</c>: reads the provider's live catalogue, builds a
/// data-only plugin per family (<see cref="PluginImporter"/>), and installs it through <see cref="PluginInstaller"/>
/// (which checks it exactly as the host loads it) before reloading the catalog, so the models run without a restart.
/// An installed plugin is never replaced without <see cref="ImportRequest.Upgrade"/>, which bumps its version; a plugin
/// that ships with the host is never replaced at all (the import names another family instead). Writing to
/// <see cref="ImportRequest.OutputDirectory"/> installs nothing, so what is installed does not stop it: only an existing
/// folder there does (without <see cref="ImportRequest.Upgrade"/>).
/// Create it with <c>ActivatorUtilities.CreateInstance</c> from an engine's services.
/// </summary>
internal sealed class PluginImport(IVideoProvider provider, PluginCatalogHolder holder, PluginInstaller installer, IOptions<VideoStudioOptions> options, TimeProvider time)
{
    /// <summary>Imports the requested models; with <see cref="ImportRequest.DryRun"/> nothing is written.</summary>
    /// <exception cref="PluginImportException">A model is unknown or already served elsewhere, a plugin exists without upgrade, or a plugin fails its check.</exception>
    public async Task<ImportReport> ImportAsync(ImportRequest request, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ModelIds.Count == 0)
        {
            throw new PluginImportException("name at least one model id to import.");
        }

        IProviderCatalog liveCatalog = provider.GetService<IProviderCatalog>()
            ?? throw new PluginImportException($"the provider '{provider.Metadata.Name}' publishes no live catalogue to import from.");
        var live = (await liveCatalog.GetModelsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.ModelId, StringComparer.Ordinal);
        string[] missing = [.. request.ModelIds.Where(id => !live.ContainsKey(id))];
        if (missing.Length > 0)
        {
            throw new PluginImportException($"not in the live catalogue: {string.Join(", ", missing)}. `GET /api/v3/models` lists {live.Count} models{Closest(missing[0], live.Keys)}.");
        }

        PluginCatalog catalog = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        bool installing = request.OutputDirectory is null;
        var plugins = new List<ImportedPlugin>();
        foreach (IGrouping<string, string> family in request.ModelIds.Distinct(StringComparer.Ordinal).GroupBy(id => request.Family ?? PluginImporter.FamilyOf(id), StringComparer.Ordinal))
        {
            string pluginId = PluginImporter.PluginIdOf(family.Key);
            PluginInfo? existing = installing ? catalog.Plugins.FirstOrDefault(p => p.Id == pluginId) : null;
            if (installing)
            {
                Refuse(catalog, family, pluginId, existing, request.Upgrade);
            }

            // An upgrade re-imports the plugin's other models too, so none is dropped by a partial list.
            IEnumerable<string> ids = existing is null ? family : family.Union(existing.ModelIds.Where(live.ContainsKey), StringComparer.Ordinal);
            string? previous = existing?.Version ?? (installing ? null : await WrittenVersionAsync(Path.Combine(request.OutputDirectory!, PluginImporter.FolderOf(family.Key)), cancellationToken).ConfigureAwait(false));
            string version = previous is null ? "1.0.0" : PluginImporter.Bump(previous);
            plugins.Add(PluginImporter.Build(family.Key, [.. ids.Select(id => live[id])], version, source, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        }

        if (request.DryRun)
        {
            return new ImportReport(plugins, [], true);
        }

        var installed = new List<string>();
        foreach (ImportedPlugin plugin in plugins)
        {
            installed.Add(request.OutputDirectory is string output
                ? Write(plugin, Path.Combine(output, plugin.FolderName), request.Upgrade)
                : await InstallAsync(plugin, cancellationToken).ConfigureAwait(false));
        }

        if (request.OutputDirectory is null)
        {
            await holder.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ImportReport(plugins, installed, false);
    }

    // What an install would refuse: a model another plugin serves, a plugin that ships with the host, an installed plugin without --upgrade.
    private void Refuse(PluginCatalog catalog, IEnumerable<string> family, string pluginId, PluginInfo? existing, bool upgrade)
    {
        foreach (string id in family)
        {
            if (catalog.Registry.TryFind(id) is { } served && served.Descriptor.PluginId != pluginId)
            {
                throw new PluginImportException($"{id} is already served by plugin {served.Descriptor.PluginId} {served.PluginVersion}: upgrade that plugin's data, or remove it first. (`--out DIR` writes the folder to compare without installing it.)");
            }
        }

        if (existing is null)
        {
            return;
        }

        if (Ships(existing))
        {
            throw new PluginImportException($"plugin {pluginId} {existing.Version} ships with VideoStudio ({existing.Directory}); an import cannot replace it in your plugins directory. Name another family with --family (e.g. --family {pluginId["videostudio.".Length..]}-import), or import into that directory with --plugins-dir.");
        }

        if (!upgrade)
        {
            throw new PluginImportException($"plugin {pluginId} {existing.Version} is already installed ({existing.Directory}): nothing was overwritten. Pass --upgrade to re-import it as version {PluginImporter.Bump(existing.Version)}.");
        }
    }

    // A plugin read from the shipped directory while installs go to the user's own: the installer refuses to shadow it.
    private bool Ships(PluginInfo plugin)
    {
        VideoStudioOptions o = options.Value;
        return !PathsEqual(o.InstallDirectory, o.PluginsDirectory) && IsUnder(plugin.Directory, o.PluginsDirectory);
    }

    private static bool IsUnder(string path, string directory) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    // The version of a folder written before (--out with --upgrade bumps it), or null.
    private static async Task<string?> WrittenVersionAsync(string folder, CancellationToken cancellationToken)
    {
        string manifest = Path.Combine(folder, "plugin.json");
        return File.Exists(manifest)
            && System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifest, cancellationToken).ConfigureAwait(false))?["version"] is System.Text.Json.Nodes.JsonValue v
            && v.TryGetValue(out string? version) ? version : null;
    }

    private async Task<string> InstallAsync(ImportedPlugin plugin, CancellationToken cancellationToken)
    {
        string staging = Path.Combine(Path.GetTempPath(), "videostudio-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            Write(plugin, Path.Combine(staging, plugin.FolderName), overwrite: false);
            return (await installer.InstallAsync(Path.Combine(staging, plugin.FolderName), null, cancellationToken).ConfigureAwait(false)).Folder;
        }
        catch (PluginInstallException ex)
        {
            throw new PluginImportException($"{plugin.PluginId} failed its check and was not installed: {ex.Message}");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static string Write(ImportedPlugin plugin, string folder, bool overwrite)
    {
        if (Directory.Exists(folder))
        {
            if (!overwrite)
            {
                throw new PluginImportException($"{folder} already exists: nothing was overwritten. Pass --upgrade to replace it.");
            }

            Directory.Delete(folder, recursive: true);
        }

        foreach ((string path, string text) in plugin.Files)
        {
            string file = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return folder;
    }

    private static string Closest(string id, IEnumerable<string> ids) =>
        Common.Suggestions.Closest(id, ids) is { Count: > 0 } near ? $"; did you mean {string.Join(", ", near)}?" : string.Empty;
}

/// <summary>What to import.</summary>
/// <param name="ModelIds">Exact provider model ids.</param>
/// <param name="Family">Put them all in one plugin of this family (default: each id's family, <see cref="PluginImporter.FamilyOf"/>).</param>
/// <param name="DryRun">Build and report the files; write nothing.</param>
/// <param name="Upgrade">Replace an installed plugin of the same id, bumping its version.</param>
/// <param name="OutputDirectory">Write the folders here instead of installing them (to curate before installing).</param>
public sealed record ImportRequest(IReadOnlyList<string> ModelIds, string? Family = null, bool DryRun = false, bool Upgrade = false, string? OutputDirectory = null);

/// <summary>What an import built and where it went.</summary>
/// <param name="Plugins">The plugins built (with their files).</param>
/// <param name="Folders">Where each was installed or written (empty for a dry run).</param>
/// <param name="DryRun">Whether nothing was written.</param>
public sealed record ImportReport(IReadOnlyList<ImportedPlugin> Plugins, IReadOnlyList<string> Folders, bool DryRun);

using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Catalog.Import;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Changing the plugins a host runs: install, remove, check a folder, import from the live catalogue, reload. What
/// the CLI's <c>plugins</c> commands and the server's <c>/v1/plugins</c> routes call.
/// </summary>
public interface IVideoStudioPlugins
{
    /// <summary>Checks a plugin folder or .zip and installs it into the install directory (an installed id is upgraded in place).</summary>
    /// <param name="source">A plugin folder or a .zip of one.</param>
    /// <param name="sha256">The zip's expected SHA-256 (hex), or null.</param>
    /// <param name="cancellationToken">Stops the install.</param>
    /// <exception cref="PluginInstallException">The plugin did not check, or the hash did not match: nothing was installed.</exception>
    Task<PluginInstallResult> InstallAsync(string source, string? sha256 = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the installed folder holding <paramref name="pluginId"/>; returns that folder.</summary>
    /// <exception cref="PluginInstallException">No installed plugin has that id.</exception>
    string Remove(string pluginId);

    /// <summary>Loads one plugin folder anywhere on disk exactly as the host would, without installing it.</summary>
    Task<PluginInfo> CheckFolderAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>Reads the plugins directories again and swaps the catalog atomically (requests in flight finish on the one they started with).</summary>
    Task<PluginReloadReport> ReloadAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes data-only plugins for live catalogue entries (and installs them unless the request is a dry run).</summary>
    /// <param name="request">Which models, and how.</param>
    /// <param name="source">Where the entries came from, recorded as provenance.</param>
    /// <param name="cancellationToken">Stops the import.</param>
    /// <exception cref="PluginImportException">The entries could not be read or turned into a plugin.</exception>
    Task<ImportReport> ImportAsync(ImportRequest request, string source, CancellationToken cancellationToken = default);
}

using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Catalog.Import;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Hosting;

/// <summary>The <see cref="IVideoStudioPlugins"/> implementation: each call goes to the catalog part that owns it.</summary>
internal sealed class VideoStudioPlugins(PluginInstaller installer, PluginDiscovery discovery, PluginCatalogHolder holder, PluginImport import) : IVideoStudioPlugins
{
    /// <inheritdoc />
    public Task<PluginInstallResult> InstallAsync(string source, string? sha256 = null, CancellationToken cancellationToken = default) =>
        installer.InstallAsync(source, sha256, cancellationToken);

    /// <inheritdoc />
    public string Remove(string pluginId) => installer.Remove(pluginId);

    /// <inheritdoc />
    public async Task<PluginInfo> CheckFolderAsync(string folder, CancellationToken cancellationToken = default) =>
        (await discovery.CheckFolderAsync(folder, cancellationToken).ConfigureAwait(false)).Plugins.Single();

    /// <inheritdoc />
    public Task<PluginReloadReport> ReloadAsync(CancellationToken cancellationToken = default) => holder.ReloadAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ImportReport> ImportAsync(ImportRequest request, string source, CancellationToken cancellationToken = default) =>
        import.ImportAsync(request, source, cancellationToken);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Runs first when the host starts (registered before the job worker): a plugins directory that is missing or holds
/// no plugin stops the start with a message naming the folder and the setting, instead of an unknown model on the
/// first request (the job store's folder is checked even earlier, with the options: <see cref="JobStoreFolderCheck"/>); plugins that did not load are logged with their
/// folder and reason; the embedded simulator starts when it was chosen, and a missing key is said once.
/// </summary>
internal sealed class VideoStudioStartup(
    IOptions<VideoStudioHostingOptions> hosting,
    IOptions<VideoStudioOptions> engine,
    IVideoStudio studio,
    ProviderStatusReader providers,
    EmbeddedProvider embedded,
    ILogger<VideoStudioStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (hosting.Value.CheckAtStart)
        {
            CheckPluginsDirectory(engine.Value.PluginsDirectory);
            CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            foreach (PluginInfo plugin in catalog.Plugins.Where(p => p.Status != PluginStatus.Active))
            {
                logger.LogError("Plugin {Plugin} in {Folder} is {Status}: {Reason}", plugin.Id, plugin.Directory, plugin.Status, plugin.Reason);
            }
        }

        VideoStudioProviderStatus status = providers.Current();
        if (embedded.IsChosen)
        {
            await embedded.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (!status.Ready && hosting.Value.Provider != ProviderChoice.None)
        {
            logger.LogWarning("Jobs cannot run yet: {Detail}", status.Detail);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws when <paramref name="directory"/> is missing or holds no plugin folder.</summary>
    internal static void CheckPluginsDirectory(string directory)
    {
        const string Fix = "Set VideoStudio:PluginsDirectory (VideoStudioOptions.PluginsDirectory) to a folder of plugin folders, or add the VideoStudio.Plugins package (VideoStudio.Embedded brings it), which puts the built-in plugins in plugins/ beside the app.";
        if (!Directory.Exists(directory))
        {
            throw new VideoStudioStartupException($"The plugins directory '{directory}' does not exist. {Fix}");
        }

        bool any = Directory.EnumerateDirectories(directory).Any(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, PluginManifestFileName)));
        if (!any)
        {
            throw new VideoStudioStartupException($"The plugins directory '{directory}' holds no plugin (no folder with a {PluginManifestFileName}). {Fix}");
        }
    }

    private const string PluginManifestFileName = "plugin.json";
}

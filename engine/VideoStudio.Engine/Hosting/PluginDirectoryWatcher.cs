using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Watches the plugins directory of a long-running host and reloads the catalog when a plugin folder is added,
/// changed or removed. Events are debounced (<see cref="VideoStudioOptions.PluginReloadDebounce"/>): a folder being
/// copied produces many, and the reload runs once after the last. The install record's own writes are ignored.
/// </summary>
public sealed class PluginDirectoryWatcher(PluginCatalogHolder holder, IOptions<VideoStudioOptions> options, TimeProvider time, ILogger<PluginDirectoryWatcher> logger)
    : IHostedService, IDisposable
{
    private FileSystemWatcher? watcher;
    private ITimer? debounce;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        string directory = options.Value.PluginsDirectory;
        if (!options.Value.WatchPluginsDirectory || !Directory.Exists(directory))
        {
            logger.LogInformation("Not watching plugins directory {Directory} (disabled or missing); use POST /v1/plugins/reload", directory);
            return Task.CompletedTask;
        }

        debounce = time.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        watcher.Created += OnChange;
        watcher.Changed += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "Plugins directory watcher overflowed; reloading");
            Schedule();
        };
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching plugins directory {Directory}", directory);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        watcher?.Dispose();
        watcher = null;
        debounce?.Dispose();
        debounce = null;
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (!Path.GetFileName(e.FullPath).StartsWith(PluginInstallRecord.FileName, StringComparison.Ordinal))
        {
            Schedule();
        }
    }

    private void Schedule() => debounce?.Change(options.Value.PluginReloadDebounce, Timeout.InfiniteTimeSpan);

    private async Task ReloadAsync()
    {
        try
        {
            await holder.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Discovery never throws for a bad folder; this only keeps a watcher thread failure out of the host.
            logger.LogError(ex, "Plugin reload after a directory change failed");
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// Watches the plugins directories of a long-running host (the shipped one and the user's) and reloads the catalog when a plugin folder is added,
/// changed or removed. Events are debounced (<see cref="VideoStudioOptions.PluginReloadDebounce"/>): a folder being
/// copied produces many, and the reload runs once after the last. The install record's own writes are ignored.
/// </summary>
internal sealed class PluginDirectoryWatcher(PluginCatalogHolder holder, IOptions<VideoStudioOptions> options, TimeProvider time, ILogger<PluginDirectoryWatcher> logger)
    : IHostedService, IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private ITimer? debounce;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WatchPluginsDirectory)
        {
            logger.LogInformation("Not watching the plugins directories (disabled); use POST /v1/plugins/reload");
            return Task.CompletedTask;
        }

        debounce = time.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (string directory in options.Value.PluginsDirectories)
        {
            if (options.Value.UserPluginsDirectory == directory)
            {
                // The user's directory may not exist before the first install; watching it from the start sees that install.
                try
                {
                    Directory.CreateDirectory(directory);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("User plugins directory {Directory} could not be created: {Message}", directory, ex.Message);
                }
            }

            if (!Directory.Exists(directory))
            {
                logger.LogInformation("Not watching plugins directory {Directory} (missing); use POST /v1/plugins/reload", directory);
                continue;
            }

            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
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
            watchers.Add(watcher);
            logger.LogInformation("Watching plugins directory {Directory}", directory);
        }

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
        foreach (FileSystemWatcher watcher in watchers)
        {
            watcher.Dispose();
        }

        watchers.Clear();
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

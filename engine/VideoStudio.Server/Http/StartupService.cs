using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Server.Http;

/// <summary>
/// On start: loads the plugin catalog (so the first request does not pay for discovery) and resumes every
/// unfinished job nobody holds, then marks the server ready. On stop: stops background jobs while the services they
/// use are still alive, so each one leaves its stored state, and gives their leases back for another host to take.
/// </summary>
public sealed class StartupService(IVideoStudio studio, IVideoJobs jobs, LeaseKeeper keeper, ServerReadiness readiness, ILogger<StartupService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        int resumed = await jobs.ResumeAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Catalog: {Models} models from {Plugins} plugins; resumed {Jobs} unfinished jobs", catalog.Registry.Models.Count, catalog.Plugins.Count, resumed);
        readiness.MarkReady();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => keeper.StopAsync();
}

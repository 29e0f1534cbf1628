using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.Server.Http;

/// <summary>
/// On start: loads the plugin catalog (so the first request does not pay for discovery), then marks the server
/// ready. The jobs run in the engine's hosted job worker, which resumes unfinished jobs when it starts and, when the
/// host stops, lets running steps put their state down and gives their leases back for another host to take.
/// </summary>
public sealed class StartupService(IVideoStudio studio, ServerReadiness readiness, ILogger<StartupService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CatalogView catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Catalog: {Models} models from {Plugins} plugins", catalog.Registry.Models.Count, catalog.Plugins.Count);
        readiness.MarkReady();
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Server.Http;

/// <summary>
/// On start: loads the plugin catalog (so the first request does not pay for discovery) and resumes every
/// unfinished job nobody holds, then marks the server ready. A host started while the job store is unreachable does
/// not exit: it serves (readiness answers 503 <c>store_unavailable</c>), retries in the background with a bounded
/// back-off, and becomes ready when the store returns. On stop: stops background jobs while the services they use
/// are still alive, so each one leaves its stored state, and gives their leases back for another host to take.
/// </summary>
public sealed class StartupService(IVideoStudio studio, IVideoJobs jobs, LeaseKeeper keeper, ServerReadiness readiness, TimeProvider clock, ILogger<StartupService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
    private readonly CancellationTokenSource stopping = new();
    private Task retrying = Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await studio.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Catalog: {Models} models from {Plugins} plugins", catalog.Registry.Models.Count, catalog.Plugins.Count);
        try
        {
            await ResumeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsStoreUnavailable(ex))
        {
            logger.LogWarning("The job store is unreachable at start ({Reason}); serving, not ready, retrying until it answers", ex.GetType().Name);
            readiness.MarkWaiting("The job store is unreachable; the server becomes ready when it answers.");
            retrying = RetryUntilReadyAsync(stopping.Token);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await retrying.ConfigureAwait(false);
        await keeper.StopAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        int resumed = await jobs.ResumeAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Resumed {Jobs} unfinished jobs", resumed);
        readiness.MarkReady();
    }

    private async Task RetryUntilReadyAsync(CancellationToken stop)
    {
        for (int attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(Backoff[Math.Min(attempt, Backoff.Length - 1)], clock, stop).ConfigureAwait(false);
                await ResumeAsync(stop).ConfigureAwait(false);
                logger.LogInformation("The job store answers again; ready");
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFailure.IsStoreUnavailable(ex))
            {
                logger.LogDebug("The job store is still unreachable ({Reason})", ex.GetType().Name);
            }
        }
    }
}

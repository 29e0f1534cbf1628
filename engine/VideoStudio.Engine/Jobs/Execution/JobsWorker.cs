using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Jobs.Charges;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// Owns every loop of the job machinery in this process, and nothing runs before it starts: the executor (job
/// steps), lease renewal (with signals and takeovers), charge lookups and outgoing webhooks. On start it claims every
/// unfinished job no live worker holds (resume after a crash). A host runs it as a hosted service; the CLI runs
/// <see cref="RunAsync"/> for the length of a command (<see cref="Facade.IVideoJobs.RunAsync"/>). Stopping lets running steps
/// put their state down, then gives every lease back.
/// </summary>
internal sealed class JobsWorker(JobExecutor executor, LeaseRenewal leases, ChargeCollector charges, WebhookDispatcher webhooks, ILogger<JobsWorker> logger) : BackgroundService
{
    private int runs;

    /// <summary>Runs every loop until <paramref name="cancellationToken"/> fires, then stops them cleanly.</summary>
    /// <param name="resumeLimit">How many unfinished jobs nobody holds to claim at start.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <exception cref="InvalidOperationException">The worker already runs in this process.</exception>
    public async Task RunAsync(int resumeLimit, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref runs, 1) == 1)
        {
            throw new InvalidOperationException("The job worker already runs in this process (a host runs it as a hosted service; call RunAsync only without one).");
        }

        try
        {
            Task steps = executor.RunAsync(cancellationToken);
            Task[] loops = [Loop("lease renewal", leases.RunAsync, cancellationToken), Loop("charge lookups", charges.RunAsync, cancellationToken), Loop("webhooks out", webhooks.RunAsync, cancellationToken)];
            try
            {
                int resumed = await executor.ClaimAsync(resumeLimit, null, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Jobs: resumed {Jobs} unfinished jobs no live worker held", resumed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogWarning("Jobs: unfinished jobs could not be claimed at start ({Reason}); they are claimed at the next takeover", ex.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while starting.
            }

            await Task.WhenAll([steps, .. loops]).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref runs, 0);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(int.MaxValue, stoppingToken);

    private async Task Loop(string name, Func<CancellationToken, Task> loop, CancellationToken cancellationToken)
    {
        try
        {
            await loop(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Jobs: the {Loop} loop stopped unexpectedly", name);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The jobs this process is working on in the background (submission paths, reconciliations, resumed downloads),
/// and the one shutdown signal that stops them. The stored state is always where a stopped job resumes.
/// </summary>
public sealed class JobBackground(JobContext context) : IAsyncDisposable
{
    private readonly CancellationTokenSource shutdown = new();
    private readonly ConcurrentDictionary<string, Task> running = new();

    /// <summary>Fires when the host stops.</summary>
    public CancellationToken Stopping => shutdown.Token;

    /// <summary>
    /// Runs <paramref name="work"/> for a job this process holds; its token fires when the host stops or the lease
    /// is lost. An unexpected failure ends the job as failed (never a silent loss).
    /// </summary>
    public void Start(JobRecord job, Func<CancellationToken, Task> work)
    {
        IDisposable use = context.Leases.Use(job.Id);
        running[job.Id] = Task.Run(async () =>
        {
            using var token = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, context.Leases.LostToken(job.Id));
            using Activity? activity = VideoStudioTelemetry.Source.StartActivity($"videostudio.job {job.ModelId}");
            activity?.SetTag(TelemetryTags.JobId, job.Id);
            activity?.SetTag(TelemetryTags.Model, job.ModelId);
            try
            {
                await work(token.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JobLeaseLostException || (ex is OperationCanceledException && !context.Leases.IsHeld(job.Id)))
            {
                // Another worker holds the job now and carries it on; nothing more is written from here.
                context.Logger.LogInformation("Job {Job}: stopped here, its lease moved to another worker", job.Id);
            }
            catch (Exception ex) when (shutdown.IsCancellationRequested)
            {
                // The host is stopping (its services may already be disposed): the stored state is where the next
                // start resumes, so a failure now must not be written as the job's end.
                context.Logger.LogDebug(ex, "Job {Job} stopped with the host", job.Id);
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex))
            {
                // The store (or its disk) would not take the job's writes for as long as the lease lasts: the job is
                // left as last stored, its lease lapses, and a takeover (or the next start) carries it on.
                context.Logger.LogError("Job {Job}: the job store could not be written ({Reason}); the job carries on from its stored state once the store takes writes again", job.Id, ex.Message);
            }
            catch (JobSupersededException ex)
            {
                // Another writer (usually a cancel) settled the job first; its state stands.
                context.Logger.LogInformation("Job {Job}: background step stopped, the job is already {State}", job.Id, ex.Current.State);
            }
            catch (Exception ex)
            {
                context.Logger.LogError(ex, "Job {Job} stopped unexpectedly", job.Id);
                JobRecord? current = await context.Store.FindAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
                if (current is { IsTerminal: false, State: not JobState.Submitting } && context.Leases.IsHeld(job.Id))
                {
                    // A Submitting job is left as it is: releasing the lease lets a takeover reconcile it.
                    await context.FailAsync(current, ErrorCodes.InternalError, $"The job stopped unexpectedly ({ex.GetType().Name}: {ex.Message}).", current.PredictionId is null ? 0m : current.EstimateUsd ?? 0m, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                running.TryRemove(job.Id, out _);
                use.Dispose();
            }
        });
    }

    /// <summary>
    /// Signals every background job to stop and waits (up to 10 s) for them to put down their state. A host calls
    /// this while its services are still alive; disposal calls it too.
    /// </summary>
    public async Task StopAsync()
    {
        if (shutdown.IsCancellationRequested)
        {
            return;
        }

        await shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            context.Logger.LogWarning("{Count} background jobs were still stopping after 10 s; they resume on the next start", running.Count);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        shutdown.Dispose();
    }
}

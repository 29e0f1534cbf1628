using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;

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

    /// <summary>True when this process is already working on the job.</summary>
    public bool IsRunning(string jobId) => running.ContainsKey(jobId);

    /// <summary>Runs <paramref name="work"/> for a job; an unexpected failure ends the job as failed (never a silent loss).</summary>
    public void Start(JobRecord job, Func<Task> work)
    {
        running[job.Id] = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex) when (shutdown.IsCancellationRequested)
            {
                // The host is stopping (its services may already be disposed): the stored state is where the next
                // start resumes, so a failure now must not be written as the job's end.
                context.Logger.LogDebug(ex, "Job {Job} stopped with the host", job.Id);
            }
            catch (JobSupersededException ex)
            {
                // Another writer (usually a cancel) settled the job first; its state stands.
                context.Logger.LogInformation("Job {Job}: background step stopped, the job is already {State}", job.Id, ex.Current.State);
            }
            catch (Exception ex)
            {
                context.Logger.LogError(ex, "Job {Job} stopped unexpectedly", job.Id);
                JobRecord? current = await context.Store.GetAsync(job.Id, job.Owner, CancellationToken.None).ConfigureAwait(false);
                if (current is { IsTerminal: false, State: not JobState.Submitting })
                {
                    await context.FailAsync(current, "internal_error", $"The job stopped unexpectedly ({ex.GetType().Name}: {ex.Message}).", current.PredictionId is null ? 0m : current.EstimateUsd ?? 0m, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                running.TryRemove(job.Id, out _);
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

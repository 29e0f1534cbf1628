using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Runs one call into plugin code (rule, normaliser, output mapper) on the thread pool with a time limit
/// (<see cref="PluginLimits.CallTimeout"/>). Past it the call is abandoned — plugin code cannot be cancelled, so its
/// thread finishes on its own and its result is dropped — the plugin is marked degraded, and
/// <see cref="PluginCallTimeoutException"/> makes the caller fail closed.
/// </summary>
public sealed class PluginCallBudget(IOptions<PluginLimits> limits, TimeProvider time, ILogger<PluginCallBudget> logger)
{
    /// <summary>The time one call may take.</summary>
    public TimeSpan Timeout => limits.Value.CallTimeout;

    /// <summary>Runs <paramref name="call"/> (<paramref name="what"/>, e.g. <c>rule LongRetakeRule</c>) for <paramref name="pluginId"/>.</summary>
    /// <exception cref="PluginCallTimeoutException">The call ran past the budget.</exception>
    public Task<T> RunAsync<T>(PluginHealth health, string pluginId, string what, Func<T> call, CancellationToken cancellationToken) =>
        WaitAsync(health, pluginId, what, Task.Run(call, CancellationToken.None), Timeout, cancellationToken);

    /// <summary>
    /// Awaits a call into a plugin worker, which times the call itself (it kills the process at
    /// <see cref="PluginLimits.CallTimeout"/>, and a restart's start-up is not counted against the plugin): this budget
    /// only backs it up, at the call timeout plus <see cref="PluginLimits.WorkerStartTimeout"/>. No thread waits on it.
    /// </summary>
    public Task<T> RunRemoteAsync<T>(PluginHealth health, string pluginId, string what, Func<Task<T>> call, CancellationToken cancellationToken) =>
        WaitAsync(health, pluginId, what, call(), Timeout + limits.Value.WorkerStartTimeout, cancellationToken);

    private async Task<T> WaitAsync<T>(PluginHealth health, string pluginId, string what, Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (ex is not PluginCallTimeoutException) // a worker's own timeout has said so already
        {
            string reason = $"the {what} of plugin '{pluginId}' did not finish within {Timeout.TotalSeconds:0.###} s (VideoStudio:PluginLimits:CallTimeout) and was abandoned";
            health.MarkDegraded(pluginId, $"{reason} (last at {time.GetUtcNow():u}); requests that need it fail closed. Report it to the plugin's author.");
            logger.LogError("Plugin {Plugin}: {Reason}", pluginId, reason);
            _ = ObserveAbandonedAsync(task, pluginId, what);
            throw new PluginCallTimeoutException(pluginId, reason + "; the input could not be fully checked.");
        }
    }

    // An abandoned call still finishes on its own thread; its failure is observed (never unobserved) and logged.
    private async Task ObserveAbandonedAsync(Task task, string pluginId, string what)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Plugin {Plugin}: the abandoned {What} later failed ({Error})", pluginId, what, ex.GetType().Name);
        }
    }
}

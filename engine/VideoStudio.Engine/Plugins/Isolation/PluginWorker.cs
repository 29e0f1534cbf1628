using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// The host's handle on one plugin's worker process: started on first use (the load-time activation), reused for
/// every call, started again when it has died. One call at a time, each on the call budget
/// (<see cref="PluginLimits.CallTimeout"/>) after which the worker is killed, with its answer bounded
/// (<see cref="PluginLimits.MaxAnswerBytes"/>). Whatever the worker does, a call fails closed naming the plugin, the
/// plugin shows as degraded with the reason, and after <see cref="PluginLimits.FailuresBeforeStop"/> worker failures
/// in a row it is stopped (a circuit breaker) until plugins are reloaded, which disposes this and ends the process.
/// </summary>
internal sealed class PluginWorker : IDisposable
{
    private readonly string manifestJson;
    private readonly string directory;
    private readonly ModelDescriptor[] models;
    private readonly PluginLimits limits;
    private readonly PluginHealth health;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Running? running;
    private int failures;
    private int calls;
    private string? stopped;

    // Set by the load-time start, cleared by the first call's outcome: the first calls into a fresh worker JIT-compile
    // the plugin's code and the RPC path, which on a busy machine can take longer than CallTimeout; they get the
    // start budget instead. A worker started again after a failure gets no such grace, so a hostile rule is still
    // killed at CallTimeout.
    private bool warming;

    public PluginWorker(PluginManifest manifest, string directory, IEnumerable<ModelDescriptor> models, PluginLimits limits, PluginHealth health, TimeProvider time, ILogger logger)
    {
        PluginId = manifest.Id;
        manifestJson = JsonSerializer.Serialize(manifest, PluginManifestJson.Manifest);
        this.directory = directory;
        this.models = models.ToArray();
        this.limits = limits;
        this.health = health;
        this.time = time;
        this.logger = logger;
    }

    private sealed record Running(Process Process, JsonRpc Rpc, BoundedReadStream Answers, string WorkingDirectory);

    /// <summary>The plugin.</summary>
    public string PluginId { get; }

    /// <summary>What the code registered (set by the first start).</summary>
    public WorkerActivation? Activation { get; private set; }

    /// <summary>Worker failures since the last successful call.</summary>
    public int Failures => Volatile.Read(ref failures);

    /// <summary>Calls asked of the plugin's code since the worker set was built (activation not counted): what proves a read path runs none.</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>The latest call the plugin's code threw from (not a worker failure: the breaker does not count it), or null.</summary>
    public string? LastThrow { get; private set; }

    /// <summary>The latest failure's reason, or null.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>The worker's process id while one runs (for tests and diagnostics).</summary>
    public int? ProcessId => running is { } r && !HasExited(r) ? r.Process.Id : null;

    /// <summary>Starts the worker and activates the plugin's code in it; throws <see cref="PluginQuarantineException"/> with the reason when that fails.</summary>
    public async Task<WorkerActivation> StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureRunningAsync().ConfigureAwait(false);
            warming = true;
            return Activation!;
        }
        catch (PluginWorkerException ex)
        {
            throw new PluginQuarantineException(ex.Message, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Calls <paramref name="method"/> for <paramref name="what"/> (e.g. <c>rule LongRetakeRule</c>).</summary>
    /// <exception cref="PluginCallTimeoutException">No answer within the call budget (the worker was killed).</exception>
    /// <exception cref="PluginWorkerException">The worker failed, the code threw, or the plugin is stopped.</exception>
    public async Task<T> CallAsync<T>(string what, string method, object?[] args)
    {
        Interlocked.Increment(ref calls);
        if (stopped is string why)
        {
            throw new PluginWorkerException(PluginId, why);
        }

        if (!await gate.WaitAsync(warming ? Max(limits.CallTimeout, limits.WorkerStartTimeout) : limits.CallTimeout).ConfigureAwait(false))
        {
            throw new PluginCallTimeoutException(PluginId, $"the {what} of plugin '{PluginId}' waited {limits.CallTimeout.TotalSeconds:0.###} s for its worker, busy with an earlier call; the input could not be fully checked.");
        }

        try
        {
            if (stopped is string now)
            {
                throw new PluginWorkerException(PluginId, now); // stopped while this call waited
            }

            // A restart's start-up is bounded by WorkerStartTimeout; the call itself by CallTimeout.
            Running worker = await EnsureRunningAsync().ConfigureAwait(false);
            worker.Answers.Reset();
            TimeSpan budget = warming ? Max(limits.CallTimeout, limits.WorkerStartTimeout) : limits.CallTimeout;
            Task<T> call = worker.Rpc.InvokeWithCancellationAsync<T>(method, args, CancellationToken.None);
            try
            {
                T result = await call.WaitAsync(budget, time).ConfigureAwait(false);
                Volatile.Write(ref failures, 0);
                return result;
            }
            catch (TimeoutException)
            {
                _ = call.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                string reason = $"the {what} did not answer within {budget.TotalSeconds:0.###} s (VideoStudio:PluginLimits:CallTimeout); its worker was killed";
                Fail(worker, reason);
                throw new PluginCallTimeoutException(PluginId, $"the {what} of plugin '{PluginId}' did not finish within {budget.TotalSeconds:0.###} s and its worker was killed; the input could not be fully checked.");
            }
            catch (RemoteInvocationException ex) when (ex.ErrorCode == WorkerProtocol.PluginThrew)
            {
                // The code threw and the worker is fine: the request fails closed; the worker is not at fault.
                string threw = $"threw {ExceptionNames.Known(ex.Message)}";
                LastThrow = $"the {what} {threw}";
                throw new PluginWorkerException(PluginId, $"the {what} of plugin '{PluginId}' {threw}");
            }
            catch (Exception ex) when (ex is not PluginWorkerException)
            {
                string reason = $"{Describe(worker)} during the {what}";
                Fail(worker, reason);
                throw new PluginWorkerException(PluginId, $"plugin '{PluginId}': {reason}");
            }
        }
        finally
        {
            warming = false;
            gate.Release();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Ends the worker for good (reload, removal, host shutdown).</summary>
    public void Dispose()
    {
        stopped ??= $"plugin '{PluginId}' was unloaded";
        if (running is { } r)
        {
            End(r);
            running = null;
        }
    }

    // Called under the gate.
    private async Task<Running> EnsureRunningAsync()
    {
        if (running is { } alive && !HasExited(alive) && !alive.Rpc.Completion.IsCompleted)
        {
            return alive;
        }

        if (running is { } dead)
        {
            logger.LogWarning("Plugin {Plugin}: its worker had ended ({State}); starting a new one", PluginId, Describe(dead));
            End(dead);
            running = null;
        }

        Running next = Launch();
        running = next;
        try
        {
            WorkerActivation activation = await next.Rpc
                .InvokeWithCancellationAsync<WorkerActivation>(WorkerProtocol.Activate, [manifestJson, directory, models], CancellationToken.None)
                .WaitAsync(limits.WorkerStartTimeout, time).ConfigureAwait(false);
            if (Activation is not null && !SameCode(Activation, activation))
            {
                throw new PluginWorkerException(PluginId, $"plugin '{PluginId}' registered different extension points when its worker was started again");
            }

            Activation = activation;
            return next;
        }
        catch (RemoteInvocationException ex)
        {
            string reason = ex.ErrorCode == WorkerProtocol.ActivationFailed
                ? ex.Message
                : $"its worker failed while activating its code ({ExceptionNames.Known((ex.ErrorData as CommonErrorData)?.TypeName?.Split('.')[^1] ?? string.Empty)})";
            Fail(next, reason);
            throw new PluginWorkerException(PluginId, ex.ErrorCode == WorkerProtocol.ActivationFailed ? reason : $"plugin '{PluginId}': {reason}");
        }
        catch (TimeoutException)
        {
            string reason = $"its code did not finish activating within {limits.WorkerStartTimeout.TotalSeconds:0.###} s (VideoStudio:PluginLimits:WorkerStartTimeout); its worker was killed";
            Fail(next, reason);
            throw new PluginWorkerException(PluginId, $"plugin '{PluginId}': {reason}");
        }
        catch (Exception ex) when (ex is not PluginWorkerException)
        {
            string reason = $"{Describe(next)} while activating its code";
            Fail(next, reason);
            throw new PluginWorkerException(PluginId, $"plugin '{PluginId}': {reason}");
        }
    }

    private Running Launch()
    {
        string workingDirectory = WorkerLaunch.CreateWorkingDirectory(PluginId);
        var process = Process.Start(WorkerLaunch.StartInfo(limits, workingDirectory, directory))
            ?? throw new PluginWorkerException(PluginId, $"plugin '{PluginId}': its worker process could not be started");
        _ = DrainAsync(process.StandardError.BaseStream);
        var answers = new BoundedReadStream(process.StandardOutput.BaseStream, limits.MaxAnswerBytes);
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, answers, new SystemTextJsonFormatter()));
        rpc.StartListening();
        logger.LogInformation("Plugin {Plugin}: worker {Pid} started in {Directory}", PluginId, process.Id, workingDirectory);
        return new Running(process, rpc, answers, workingDirectory);
    }

    // A worker failure: counted, shown, logged in the host's words; the worker is ended (the next call starts another).
    private void Fail(Running worker, string reason)
    {
        End(worker);
        if (ReferenceEquals(running, worker))
        {
            running = null;
        }

        int count = Interlocked.Increment(ref failures);
        LastFailure = reason;
        logger.LogError("Plugin {Plugin}: {Reason} (failure {Count} in a row)", PluginId, reason, count);
        if (count >= limits.FailuresBeforeStop)
        {
            stopped = $"plugin '{PluginId}' is stopped after {count} worker failures in a row (last: {reason}); its calls fail at once until plugins are reloaded. Report it to the plugin's author.";
            health.MarkDegraded(PluginId, stopped);
        }
        else
        {
            health.MarkDegraded(PluginId, $"{reason} (last at {time.GetUtcNow():u}); requests that need it fail closed. Report it to the plugin's author.");
        }
    }

    private string Describe(Running worker)
    {
        if (worker.Answers.Exceeded)
        {
            return $"its worker answered more than {limits.MaxAnswerBytes} bytes (VideoStudio:PluginLimits:MaxAnswerBytes) and was killed";
        }

        // The pipe can break a moment before the exit is visible.
        if (!HasExited(worker) && !worker.Process.WaitForExit(TimeSpan.FromMilliseconds(200)))
        {
            return "its worker sent a malformed answer and was killed";
        }

        return $"its worker exited (code {worker.Process.ExitCode})";
    }

    private void End(Running worker)
    {
        try
        {
            worker.Rpc.Dispose();
            if (!HasExited(worker))
            {
                worker.Process.Kill(entireProcessTree: true);
                worker.Process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            logger.LogDebug("Plugin {Plugin}: ending its worker: {Error}", PluginId, ex.GetType().Name);
        }
        finally
        {
            worker.Process.Dispose();
            TryDelete(worker.WorkingDirectory);
        }
    }

    private static bool HasExited(Running worker)
    {
        try
        {
            return worker.Process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // Whatever the worker writes to stderr is read and dropped: it is the plugin's text, so it never reaches a log or an
    // answer. Read as raw bytes in large blocks, so a flood costs the host one buffer and drains as fast as it comes.
    private static async Task DrainAsync(Stream stderr)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stderr.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static bool SameCode(WorkerActivation a, WorkerActivation b) =>
        a.Rules.SequenceEqual(b.Rules) && a.Normalizers.SequenceEqual(b.Normalizers) && a.OutputMappers.SequenceEqual(b.OutputMappers);

    private void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("Plugin {Plugin}: worker directory {Directory} not deleted: {Error}", PluginId, path, ex.GetType().Name);
        }
    }
}

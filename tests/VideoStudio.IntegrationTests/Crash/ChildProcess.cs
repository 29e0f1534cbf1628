using System.Diagnostics;
using System.Text;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// A <c>dotnet videostudio.dll …</c> child process with captured output. <see cref="KillAsync"/> is SIGKILL of the whole
/// tree: the process gets no chance to clean up, exactly like a crash or an OOM kill.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private ChildProcess(Process process)
    {
        this.process = process;
    }

    public string StandardOutput
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process id (to read its memory and children from /proc).</summary>
    public int Id => process.Id;

    public static ChildProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(CliLocator.CliDll)!,
        };
        info.ArgumentList.Add(CliLocator.CliDll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A clean environment for the engine: nothing from the developer's shell decides where jobs go.
        foreach (string name in new[] { "WAVESPEED_API_KEY", "VIDEOSTUDIO_DATA" })
        {
            info.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => Append(child.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(child.stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL, then wait until the OS has reaped it (so its file handles and sockets are gone).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGSTOP: the process stops where it is (a long GC pause, a stopped VM), holding its sockets and leases unrenewed.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a frozen process carries on from where it stopped, unaware that time passed.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    /// <summary>Waits for a normal exit and returns the exit code; kills it when <paramref name="cancellationToken"/> fires first.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The child process did not finish in time.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        // The parameterless wait drains the redirected streams.
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await KillAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add(signal);
        info.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using Process kill = Process.Start(info)!;
        await kill.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed: {await kill.StandardError.ReadToEndAsync()}");
        }
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}

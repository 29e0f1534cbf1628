using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;

namespace VideoStudio.Benchmarks;

/// <summary>
/// The simulator in its own process (<c>videostudio simulator</c>, the CLI this build made) on a free loopback port,
/// so a harness measures the engine alone. Stopped (killed, with its children) on dispose; it never outlives the harness.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process process;

    private SimulatorProcess(Process process, string baseUrl, string apiKey)
    {
        this.process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    /// <summary>The simulator's address, e.g. http://127.0.0.1:40123.</summary>
    public string BaseUrl { get; }

    /// <summary>The key it accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The simulator's process id (for its memory figures).</summary>
    public int Id => process.Id;

    /// <summary>Starts <c>videostudio simulator --urls … --api-key … <paramref name="extraArgs"/></c> and waits until it listens (at most a minute).</summary>
    public static async Task<SimulatorProcess> StartAsync(string apiKey, IEnumerable<string> extraArgs, CancellationToken cancellationToken)
    {
        string cli = typeof(SimulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "VideoStudioCliPath").Value!;
        string url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[cli, "simulator", "--urls", url, "--api-key", apiKey, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the simulator");
        var sim = new SimulatorProcess(process, url, apiKey);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch
        {
            await sim.DisposeAsync();
            throw;
        }

        return sim;
    }

    /// <summary>The simulator's counters (<c>GET /_simulator/stats</c>).</summary>
    public async Task<JsonObject> StatsAsync(HttpClient http, CancellationToken cancellationToken) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(BaseUrl + "/_simulator/stats"), cancellationToken))!["data"]!.AsObject();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VideoStudio.Simulator;

namespace VideoStudio.Cli;

/// <summary>
/// Which WaveSpeed endpoint commands talk to: the real API when <c>WAVESPEED_API_KEY</c> is set, otherwise a
/// simulator started in-process on loopback (so the main job works on a fresh machine, offline).
/// </summary>
public sealed class ProviderSetup : IAsyncDisposable
{
    /// <summary>How much faster than the models' expected times the embedded simulator runs.</summary>
    public const double EmbeddedLatencyScale = 0.02;

    private ProviderSetup(SimulatorServer? simulator) => Simulator = simulator;

    /// <summary>The embedded simulator, when one was started.</summary>
    public SimulatorServer? Simulator { get; }

    /// <summary>True when running against the embedded simulator.</summary>
    public bool IsEmbedded => Simulator is not null;

    /// <summary>True when commands run against the embedded simulator (no <c>WAVESPEED_API_KEY</c>), so its jobs are the ones a command reads.</summary>
    public static bool WillEmbed => Environment.GetEnvironmentVariable("WAVESPEED_API_KEY") is not { Length: > 0 };

    /// <summary>
    /// Starts the embedded simulator (serving the models of both plugins directories) unless an API key is
    /// configured; <paramref name="forServer"/> keeps it from fetching loopback media for callers.
    /// </summary>
    public static async Task<ProviderSetup> StartAsync(string pluginsDirectory, string? userPluginsDirectory, CancellationToken cancellationToken, bool forServer = false)
    {
        if (!WillEmbed)
        {
            return new ProviderSetup(null);
        }

        string key = "sim_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = key,
            PluginsDirectory = pluginsDirectory,
            UserPluginsDirectory = userPluginsDirectory,
            LatencyScale = EmbeddedLatencyScale,
            FetchLoopbackMedia = !forServer,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        }, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"No WAVESPEED_API_KEY set: using the embedded WaveSpeed simulator at {server.BaseUrl} (nothing is billed; {server.OutputDescription}).").ConfigureAwait(false);
        return new ProviderSetup(server);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using VideoStudio.Simulator;

namespace VideoStudio.Cli.Commands;

/// <summary>`simulator [--urls …] [--api-key …]`: run the WaveSpeed-compatible simulator standalone until Ctrl+C.</summary>
public sealed class SimulatorCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<string> urls = new("--urls") { Description = "Where to listen (loopback).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        Option<string?> apiKey = new("--api-key") { Description = "The bearer key it accepts (default: WAVESPEED_API_KEY)." };
        Option<double> scale = new("--latency-scale") { Description = "Multiplier on each model's expected processing time.", DefaultValueFactory = _ => 0.02 };
        Option<int?> perMinute = new("--submits-per-minute") { Description = "Refuse submissions above this many per sliding minute with 429, as the account tier does (default: unlimited)." };
        Option<string?> ffmpeg = new("--ffmpeg") { Description = "The ffmpeg that renders outputs shaped by each request (default: ffmpeg on PATH); 'none' serves the bundled sample clip (cheap, for load tests)." };
        Option<decimal?> balance = new("--balance") { Description = "The account's starting balance in USD (default: 100); submissions past it are refused as insufficient balance." };
        Option<long?> outputBytes = new("--output-bytes") { Description = "Serve every output as a generated stream of this many bytes, with Range (e.g. 1073741824 for a 1 GiB download test); default: rendered or sample clips." };
        var command = new Command("simulator", "Run the WaveSpeed-compatible simulator (for tests, offline work and SDKs).") { urls, apiKey, scale, perMinute, ffmpeg, balance, outputBytes };
        command.SetAction(async (parse, ct) =>
        {
            string? key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("WAVESPEED_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                return Output.Terminal.Fail("the simulator needs a key to accept: pass --api-key KEY or set WAVESPEED_API_KEY.", ExitCodes.InvalidInput);
            }

            if (parse.GetValue(outputBytes) is <= 0)
            {
                return Output.Terminal.Fail("--output-bytes must be at least 1.", ExitCodes.InvalidInput);
            }

            await using SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
            {
                ApiKey = key,
                Urls = parse.GetValue(urls)!,
                PluginsDirectory = CliApp.PluginsDirectory(parse),
                UserPluginsDirectory = CliApp.UserPluginsDirectory(parse),
                LatencyScale = parse.GetValue(scale),
                Limits = new TierLimits(null, parse.GetValue(perMinute)),
                FfmpegPath = parse.GetValue(ffmpeg) is "none" ? string.Empty : parse.GetValue(ffmpeg),
                InitialBalanceUsd = parse.GetValue(balance) ?? 100m,
                OutputBytes = parse.GetValue(outputBytes),
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Information),
            }, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"WaveSpeed simulator listening on {server.BaseUrl} (Ctrl+C to stop)").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(server.OutputDescription).ConfigureAwait(false);
            await server.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Server;

namespace VideoStudio.Cli.Commands;

/// <summary>`serve [--urls …]`: the HTTP API and web console (docs/http-api.md) until Ctrl+C.</summary>
public sealed class ServeCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<string> urls = new("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var command = new Command("serve", "Serve the HTTP API and the web console (uses the embedded simulator when no WaveSpeed key is set: WAVESPEED_API_KEY or WaveSpeed__ApiKey).") { urls };
        command.SetAction(async (parse, ct) =>
        {
            // Same engine configuration as every other command, so `serve` and `generate` agree on the provider and
            // the jobs; the host starts the embedded simulator when there is no key (fetching no loopback media for callers).
            await using WebApplication app = await VideoStudioServer.BuildAsync(["--urls", parse.GetValue(urls)!], services =>
            {
                services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                CliApp.ConfigureServices(services, parse, forServer: true);
            }).ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"VideoStudio listening on {string.Join(", ", app.Urls)} (console at /, API at /v1, OpenAPI at /openapi/v1.json; Ctrl+C to stop)").ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

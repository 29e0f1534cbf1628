using System.CommandLine;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins reload --server URL [--api-key KEY] [--json]`: asks a running server to read its plugins directory
/// again now (<c>POST /v1/plugins/reload</c>), and prints what changed. The server also watches the directory;
/// this is for a host where watching is off or a change must take effect before the debounce.
/// </summary>
public static class PluginsReloadCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var server = new Option<string>("--server") { Description = "The running server, e.g. http://127.0.0.1:5000.", Required = true };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key of the server (default: VIDEOSTUDIO_API_KEY)." };
        var command = new Command("reload", "Make a running server reload its plugins directory now.") { server, apiKey, json };
        command.SetAction(async (parse, ct) =>
        {
            if (ServerRequest.BaseOf(parse.GetValue(server)) is not Uri baseAddress)
            {
                return ServerRequest.NotAServer(parse.GetValue(server));
            }

            await using ServiceProvider services = CliApp.BuildServices(parse);
            using HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            using HttpRequestMessage request = ServerRequest.Create(HttpMethod.Post, baseAddress, "/v1/plugins/reload", parse.GetValue(apiKey));

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return Terminal.Fail($"The server at {parse.GetValue(server)} could not be reached ({ex.Message}); start it with 'videostudio serve'.", ExitCodes.Failure);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    return Terminal.Fail($"The server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}", ExitCodes.Failure);
                }

                ApiViews.PluginReloadView report = (await response.Content.ReadFromJsonAsync<ApiViews.PluginReloadView>(Json.Options, ct).ConfigureAwait(false))!;
                if (parse.GetValue(json))
                {
                    Terminal.WriteJson(report);
                }
                else
                {
                    Console.WriteLine($"Reloaded (generation {report.Generation}): added [{string.Join(", ", report.Added)}], removed [{string.Join(", ", report.Removed)}], changed [{string.Join(", ", report.Changed)}]; {report.Plugins.Count} plugin folders.");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins [--server URL [--api-key KEY]] [--json]`: every plugin folder found, with version, status and reason.
/// With <c>--server</c> it shows what a running server holds (<c>GET /v1/plugins</c>), where a plugin degraded at run
/// time (its worker killed, crashed or stopped by the breaker) shows as Degraded with the reason; without it, what
/// loading the folders here finds.
/// </summary>
public sealed class PluginsCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var server = new Option<string?>("--server") { Description = "Ask a running server (e.g. http://127.0.0.1:5000) instead of reading the folders here: shows plugins it degraded at run time." };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key of the server (default: VIDEOSTUDIO_API_KEY)." };
        var command = new Command("plugins", "List plugin folders with their status (Active, CodeFailed, Degraded, Quarantined) and the reason.") { json, server, apiKey, PluginsReloadCommand.Build(), PluginsCheckCommand.Build(), PluginsInstallCommand.BuildInstall(), PluginsInstallCommand.BuildRemove(), PluginsImportCommand.Build(), PluginsSchemasCommand.Build() };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(server) is not string url)
            {
                return await CliApp.WithEngineAsync(parse, async studio =>
                {
                    CatalogView catalog = await studio.GetCatalogAsync(ct).ConfigureAwait(false);
                    if (parse.GetValue(json))
                    {
                        ReadOnlyJson.Write(ApiViews.Plugins(catalog.Plugins));
                        return ExitCodes.Ok;
                    }

                    return Show(ApiViews.Plugins(catalog.Plugins));
                }).ConfigureAwait(false);
            }

            if (ServerRequest.BaseOf(url) is not Uri baseAddress)
            {
                return ServerRequest.NotAServer(url);
            }

            await using ServiceProvider services = CliApp.BuildServices(parse);
            using HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            using HttpRequestMessage request = ServerRequest.Create(HttpMethod.Get, baseAddress, "/v1/plugins", parse.GetValue(apiKey));

            try
            {
                using HttpResponseMessage response = await client.SendAsync(request, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return Terminal.Fail($"The server answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}", ExitCodes.Failure);
                }

                ApiViews.PluginView[] plugins = (await response.Content.ReadFromJsonAsync<ApiViews.PluginView[]>(Json.Options, ct).ConfigureAwait(false)) ?? [];
                if (parse.GetValue(json))
                {
                    Terminal.WriteJson(plugins);
                    return ExitCodes.Ok;
                }

                return Show(plugins);
            }
            catch (HttpRequestException ex)
            {
                return Terminal.Fail($"The server at {url} could not be reached ({ex.Message}); start it with 'videostudio serve'.", ExitCodes.Failure);
            }
        });
        return command;
    }

    private static int Show(IEnumerable<ApiViews.PluginView> plugins)
    {
        var table = new Table().AddColumns("Plugin", "Version", "Status", "Models", "Reason");
        foreach (ApiViews.PluginView p in plugins)
        {
            string status = p.Status switch
            {
                PluginStatus.Active => "[green]Active[/]",
                PluginStatus.CodeFailed => "[yellow]CodeFailed[/]",
                PluginStatus.Degraded => "[yellow]Degraded[/]",
                _ => "[red]Quarantined[/]",
            };
            table.AddRow(Terminal.Esc(p.Id), Terminal.Esc(p.Version), status, p.ModelIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Terminal.Esc(p.Reason ?? string.Empty));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>`plugins [--json]`: every plugin folder found, with version, status and reason.</summary>
public sealed class PluginsCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command("plugins", "List plugin folders with their status (Active, CodeFailed, Degraded, Quarantined) and the reason.") { json, PluginsReloadCommand.Build(), PluginsCheckCommand.Build(), PluginsInstallCommand.BuildInstall(), PluginsInstallCommand.BuildRemove(), PluginsImportCommand.Build(), PluginsSchemasCommand.Build() };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async studio =>
        {
            CatalogView catalog = await studio.GetCatalogAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                ReadOnlyJson.Write(ApiViews.Plugins(catalog.Plugins));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Plugin", "Version", "Status", "Models", "Reason");
            foreach (PluginInfo p in catalog.Plugins)
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
        }));
        return command;
    }
}

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>`catalog check [--json]`: where the provider's live catalogue differs from the installed plugins.</summary>
public sealed class CatalogCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var check = new Command("check", "Compare each installed model's schema and price with the provider's live catalogue (GET /api/v3/models).") { json };
        check.SetAction((parse, ct) => CliApp.WithServicesAsync(parse, async services =>
        {
            IReadOnlyList<CatalogDrift> report = await services.GetRequiredService<IVideoStudio>().CheckDriftAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(ApiViews.Drift(report));
            }
            else
            {
                var table = new Table().AddColumns("Model", "Status", "Differences", "Plugin $", "Live quote $");
                foreach (CatalogDrift d in report)
                {
                    string status = d.Status == "ok" ? "[green]ok[/]" : $"[yellow]{d.Status}[/]";
                    table.AddRow(Terminal.Esc(d.ModelId), status, Terminal.Esc(string.Join("\n", d.Differences)), $"{d.PluginEstimateUsd:0.00##}", $"{d.LiveQuoteUsd:0.00##}");
                }

                AnsiConsole.Write(table);
            }

            return report.Any(d => d.Status != "ok") ? ExitCodes.Failure : ExitCodes.Ok;
        }, ct));
        var catalog = new Command("catalog", "The provider's live model catalogue.");
        catalog.Subcommands.Add(check);
        return catalog;
    }
}

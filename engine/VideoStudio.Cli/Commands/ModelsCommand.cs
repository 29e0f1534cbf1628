using System.CommandLine;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Cli.Commands;

/// <summary>`models [--task T] [--json]` and `models show &lt;id&gt; [--json]`.</summary>
public sealed class ModelsCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Option<string?> task = new("--task") { Description = "Only models of this task kind (text-to-video, image-to-video, video-extend, video-to-video, upscale, avatar)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("models", "List the installed models.") { task, json };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async studio =>
        {
            CatalogView catalog = await studio.GetCatalogAsync(ct).ConfigureAwait(false);
            string? filter = parse.GetValue(task);
            var definitions = catalog.Registry.Models.Where(m => filter is null || m.Descriptor.Task.Value == filter).ToArray();
            if (parse.GetValue(json))
            {
                ReadOnlyJson.Write(definitions.Select(ApiViews.Summary).ToArray());
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Model", "Task", "Family", "Aliases", "Plugin");
            var degraded = new Dictionary<string, string>();
            foreach (var definition in definitions)
            {
                ApiViews.ModelSummary m = ApiViews.Summary(definition);
                // A model that cannot run on this host (no FFmpeg, no adapter for its provider) says so where it is listed.
                bool runsHere = true;
                if (catalog.StatusOf(definition) is { Status: PluginStatus.Degraded, Reason: string reason } plugin)
                {
                    degraded[plugin.Id] = reason;
                    runsHere = false;
                }

                table.AddRow(Terminal.Esc(m.Id), m.Task, Terminal.Esc(m.Family), Terminal.Esc(string.Join(", ", m.Aliases)),
                    $"{Terminal.Esc(m.Plugin)} {m.PluginVersion}" + (runsHere ? string.Empty : " [yellow]Degraded[/]"));
            }

            AnsiConsole.Write(table);
            foreach ((string id, string reason) in degraded)
            {
                AnsiConsole.MarkupLine($"[yellow]{Terminal.Esc(id)} is Degraded:[/] {Terminal.Esc(reason)}");
            }
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(BuildShow());
        return command;
    }

    private static Command BuildShow()
    {
        Argument<string> id = CommonOptions.ModelId();
        Option<bool> json = CommonOptions.Json();
        var show = new Command("show", "Show a model: descriptor, education card, price summary.") { id, json };
        show.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async studio =>
        {
            CatalogView catalog = await studio.GetCatalogAsync(ct).ConfigureAwait(false);
            ModelDefinition model = catalog.Registry.Find(parse.GetValue(id)!);
            EstimateReport example = await studio.EstimateExampleAsync(model.Id, ct).ConfigureAwait(false);
            ApiViews.ModelDetail detail = ApiViews.Detail(model, catalog.StatusOf(model), example.Estimate);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(detail);
                return ExitCodes.Ok;
            }

            Render(detail);
            return ExitCodes.Ok;
        }));
        return show;
    }

    private static void Render(ApiViews.ModelDetail d)
    {
        EducationCardText(d);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Price[/]", Terminal.Esc(d.Price.Rule));
        grid.AddRow("Confidence", $"{d.Price.Confidence} (rule {Terminal.Esc(d.Price.Version)})");
        grid.AddRow("Source", Terminal.Esc(d.Price.Source));
        foreach (string note in d.Price.Notes)
        {
            grid.AddRow(string.Empty, "[yellow]•[/] " + Terminal.Esc(note));
        }

        grid.AddRow("Example costs", d.Price.ExampleUsd is decimal usd ? $"${usd:0.00##}" : "unknown");
        grid.AddRow("Plugin", $"{Terminal.Esc(d.Model.Plugin)} {d.Model.PluginVersion} ({d.PluginStatus})");
        if (d.PluginReason is string reason)
        {
            grid.AddRow(string.Empty, "[yellow]•[/] " + Terminal.Esc(reason)); // why its models cannot run here
        }
        AnsiConsole.Write(grid);
    }

    private static void EducationCardText(ApiViews.ModelDetail d)
    {
        AnsiConsole.MarkupLine($"[bold]{Terminal.Esc(d.Model.DisplayName)}[/]  [grey]{Terminal.Esc(d.Model.Id)} · {d.Model.Task} · {Terminal.Esc(d.Model.Family)}[/]");
        AnsiConsole.MarkupLine($"[italic]{Terminal.Esc(d.Card.Tagline)}[/]");
        AnsiConsole.MarkupLine($"[bold]Best for:[/] {Terminal.Esc(d.Card.BestFor)}");
        List("Strengths", d.Card.Strengths, "green");
        List("Limitations", d.Card.Limitations, "yellow");
        List("Tips", d.Card.Tips, "blue");
        AnsiConsole.MarkupLine($"[bold]Example input:[/] {Terminal.Esc(d.Card.ExampleInput.ToJsonString())}");
    }

    private static void List(string title, IReadOnlyList<string> items, string colour)
    {
        AnsiConsole.MarkupLine($"[bold]{title}:[/]");
        foreach (string item in items)
        {
            AnsiConsole.MarkupLine($"  [{colour}]•[/] {Terminal.Esc(item)}");
        }
    }
}

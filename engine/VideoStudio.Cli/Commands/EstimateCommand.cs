using System.CommandLine;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Cli.Commands;

/// <summary>`estimate &lt;id&gt; --input &lt;json|@file&gt; [--media-duration F=S] [--json]`.</summary>
public sealed class EstimateCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Argument<string> id = CommonOptions.ModelId();
        Option<string> input = CommonOptions.Input();
        Option<string[]> hints = CommonOptions.MediaDuration();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("estimate", "Validate an input and price it (decimal USD, with provenance).") { id, input, hints, json };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async (studio, resolveJobMedia) =>
        {
            var body = await InputReader.ReadObjectAsync(parse.GetValue(input)!, ct).ConfigureAwait(false);
            JobMediaResolution chained = await resolveJobMedia(parse.GetValue(id)!, body, ct).ConfigureAwait(false);
            EstimateReport report = chained.Issues.Count > 0
                ? new EstimateReport(new ValidationReport(parse.GetValue(id)!, chained.Issues, [], body, new Dictionary<string, MediaInfo>()), null)
                : await studio.EstimateAsync(parse.GetValue(id)!, chained.Input, InputReader.ReadHints(parse.GetValue(hints)), ct).ConfigureAwait(false);
            if (report.Estimate is not PriceEstimate estimate)
            {
                if (parse.GetValue(json))
                {
                    ReadOnlyJson.Write(ApiViews.Validation(report.Validation));
                }
                else
                {
                    IssueList.Render(report.Validation);
                }

                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(json))
            {
                ReadOnlyJson.Write(ApiViews.Estimate(estimate, report.Validation.Warnings));
            }
            else
            {
                IssueList.Render(report.Validation);
                Render(estimate);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Renders an estimate as a table.</summary>
    public static void Render(PriceEstimate e)
    {
        var table = new Table().AddColumns("Item", "USD").Title(Terminal.Esc(e.ModelId));
        foreach (PriceLineItem line in e.LineItems)
        {
            table.AddRow(Terminal.Esc(line.Label), $"{line.AmountUsd:0.00##}");
        }

        table.AddRow("[bold]Total[/]", e.TotalUsd is decimal t ? $"[bold]{t:0.00##}[/]" : "[red]unknown[/]");
        if (e.HoldUsd is decimal hold && hold != e.TotalUsd)
        {
            table.AddRow("Budget hold (uncertain rule)", $"{hold:0.00##}");
        }

        AnsiConsole.Write(table);
        if (e.UnknownReason is not null)
        {
            AnsiConsole.MarkupLine($"[red]Price unknown:[/] {Terminal.Esc(e.UnknownReason)}");
        }

        AnsiConsole.MarkupLine($"[grey]Confidence {e.Provenance.Confidence}; source {Terminal.Esc(e.Provenance.Source)}; rule {Terminal.Esc(e.Provenance.RuleVersion)}[/]");
        foreach (string note in e.Provenance.Notes)
        {
            AnsiConsole.MarkupLine($"[grey]  • {Terminal.Esc(note)}[/]");
        }
    }
}

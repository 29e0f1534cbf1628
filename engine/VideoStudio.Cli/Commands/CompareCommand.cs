using System.CommandLine;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `compare &lt;id&gt; &lt;id&gt;… --input &lt;json|@file&gt; [--json]`: one request, validated and priced per model. The table
/// lists the cheapest first (free work before paid, unknown prices after known ones); `--json` keeps the order asked.
/// </summary>
public sealed class CompareCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Argument<string[]> ids = new("models") { Description = "Two or more model ids or aliases.", Arity = new ArgumentArity(1, 50) };
        Option<string> input = CommonOptions.Input();
        Option<string[]> hints = CommonOptions.MediaDuration();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("compare", "Validate and price the same request across models, side by side.") { ids, input, hints, json };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async studio =>
        {
            var body = await InputReader.ReadObjectAsync(parse.GetValue(input)!, ct).ConfigureAwait(false);
            ComparisonReport report = await studio.CompareAsync(parse.GetValue(ids)!, body, InputReader.ReadHints(parse.GetValue(hints)), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(ApiViews.Comparison(report));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Model", "Takes it?", "Price", "Why not / notes");
            foreach (ComparisonEntry e in report.CheapestFirst())
            {
                string price = e.Estimate is { TotalUsd: 0m, LineItems: [{ AmountUsd: 0m, Label: string free }] } ? Terminal.Esc(free) // "free (runs locally)"
                    : e.Estimate?.TotalUsd is decimal t ? $"${t:0.00##}"
                    : e.Estimate is not null ? "[red]unknown[/]"
                    : e.EstimateWithoutFields?.TotalUsd is decimal w ? $"${w:0.00##} without {Terminal.Esc(string.Join(", ", e.WithoutFields))}"
                    : "-";
                string notes = string.Join("\n", e.Rejected.Select(r => r.Message).Concat(e.Warnings.Select(w => "warning: " + w.Message))
                    .Concat(e.Estimate?.UnknownReason is string u ? [u] : []));
                table.AddRow(Terminal.Esc(e.DisplayName is null ? e.ModelId : $"{e.DisplayName}\n{e.ModelId}"), e.Accepted ? "[green]yes[/]" : "[red]no[/]", price, Terminal.Esc(notes));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using System.CommandLine;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Cli.Commands;

/// <summary>`validate &lt;id&gt; --input &lt;json|@file&gt; [--json]`.</summary>
public sealed class ValidateCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Argument<string> id = CommonOptions.ModelId();
        Option<string> input = CommonOptions.Input();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("validate", "Check an input against a model: schema, media limits, cross-field rules.") { id, input, json };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async (studio, resolveJobMedia) =>
        {
            var body = await InputReader.ReadObjectAsync(parse.GetValue(input)!, ct).ConfigureAwait(false);
            JobMediaResolution chained = await resolveJobMedia(parse.GetValue(id)!, body, ct).ConfigureAwait(false);
            ValidationReport report = chained.Issues.Count > 0
                ? new ValidationReport(parse.GetValue(id)!, chained.Issues, [], body, new Dictionary<string, Contracts.MediaInfo>())
                : await studio.ValidateAsync(parse.GetValue(id)!, chained.Input, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                ReadOnlyJson.Write(ApiViews.Validation(report));
            }
            else
            {
                IssueList.Render(report);
                if (report.Valid)
                {
                    AnsiConsole.MarkupLine($"[green]valid[/] for {Terminal.Esc(report.ModelId)}. Sent as: {Terminal.Esc(report.NormalizedInput.ToJsonString())}");
                }
            }

            return report.Valid ? ExitCodes.Ok : ExitCodes.InvalidInput;
        }));
        return command;
    }
}

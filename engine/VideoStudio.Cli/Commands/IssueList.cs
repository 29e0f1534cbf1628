using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Cli.Commands;

/// <summary>Prints validation errors (stderr) and warnings for people.</summary>
public static class IssueList
{
    /// <summary>Renders the report's issues.</summary>
    public static void Render(ValidationReport report)
    {
        foreach (ValidationIssue e in report.Errors)
        {
            Terminal.Fail($"{e.Message} [{e.Code}]", ExitCodes.InvalidInput);
        }

        foreach (ValidationIssue w in report.Warnings)
        {
            AnsiConsole.MarkupLine($"[yellow]warning:[/] {Terminal.Esc(w.Message)} [grey][[{w.Code}]][/]");
        }
    }
}

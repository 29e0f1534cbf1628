using System.Text.Json;
using Spectre.Console;
using VideoStudio.Engine.Common;

namespace VideoStudio.Cli.Output;

/// <summary>Where the CLI writes: JSON or Spectre tables to stdout, errors to stderr.</summary>
public static class Terminal
{
    private static readonly IAnsiConsole Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Writes a value as indented JSON to stdout.</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json.Indented));

    /// <summary>Writes an error to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode)
    {
        Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return exitCode;
    }

    /// <summary>Escapes text for Spectre markup.</summary>
    public static string Esc(string? text) => Markup.Escape(text ?? string.Empty);
}

using System.Text.Json;
using Spectre.Console;
using VideoStudio.Engine.Common;

namespace VideoStudio.Cli.Output;

/// <summary>Where the CLI writes: JSON or Spectre tables to stdout, errors to stderr.</summary>
public static class Terminal
{
    // Piped or captured output is not wrapped at 80 columns: a script that reads a line gets the whole line.
    private const int UnwrappedWidth = 4096;

    private static readonly IAnsiConsole Error = Unwrapped(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }), Console.IsErrorRedirected);

    /// <summary>Sets up stdout once per process: no wrapping when it is redirected.</summary>
    public static void Configure() => Unwrapped(AnsiConsole.Console, Console.IsOutputRedirected);

    /// <summary>Writes a value as indented JSON to stdout.</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json.Indented));

    /// <summary>Writes an error to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string message, int exitCode)
    {
        Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return exitCode;
    }

    private static IAnsiConsole Unwrapped(IAnsiConsole console, bool redirected)
    {
        if (redirected)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    /// <summary>Escapes text for Spectre markup.</summary>
    public static string Esc(string? text) => Markup.Escape(text ?? string.Empty);
}

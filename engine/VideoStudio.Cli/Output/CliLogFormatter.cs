using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace VideoStudio.Cli.Output;

/// <summary>
/// The engine's log lines as the rest of the CLI's stderr reads: one line per message, <c>error: …</c> for errors
/// (as <see cref="Terminal.Fail"/> writes them), the message alone otherwise (the embedded simulator's notice), with no
/// category header; an exception's text follows on the next lines.
/// </summary>
internal sealed class CliLogFormatter : ConsoleFormatter
{
    /// <summary>The name the console logger selects it by.</summary>
    public const string FormatterName = "videostudio-cli";

    public CliLogFormatter()
        : base(FormatterName)
    {
    }

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.LogLevel >= LogLevel.Error)
        {
            textWriter.Write("error: ");
        }

        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }
}

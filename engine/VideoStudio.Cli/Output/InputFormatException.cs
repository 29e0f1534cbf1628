namespace VideoStudio.Cli.Output;

/// <summary>A command-line value that cannot be used; the message says how to fix it.</summary>
public sealed class InputFormatException(string message) : Exception(message);

using System.CommandLine;

namespace VideoStudio.Cli.Commands;

/// <summary>One top-level command.</summary>
public interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command.</summary>
    Command Build();
}

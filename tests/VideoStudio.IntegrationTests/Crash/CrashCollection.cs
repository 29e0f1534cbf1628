namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// The crash tests start real processes (a simulator and CLI clients, each a .NET runtime): on two cores they would
/// slow every timing-sensitive test running beside them, and be slowed in turn. They run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "Crash (child processes)";
}

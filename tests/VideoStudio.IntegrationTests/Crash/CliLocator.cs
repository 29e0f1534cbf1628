using System.Reflection;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// Finds the built CLI (<c>videostudio.dll</c>). The test project builds it through a non-referencing
/// ProjectReference and records its output path at build time, so the tests run the very build under test,
/// with its plugins folder beside it.
/// </summary>
internal static class CliLocator
{
    public static string CliDll { get; } = Locate();

    private static string Locate()
    {
        string? recorded = typeof(CliLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "VideoStudioCliPath")?.Value;
        if (recorded is not null && File.Exists(recorded))
        {
            return Path.GetFullPath(recorded);
        }

        throw new FileNotFoundException($"The built CLI was not found at '{recorded}'. Build the solution (dotnet build VideoStudio.sln) in the same configuration as the tests.");
    }
}

namespace VideoStudio.Tests.Support;

/// <summary>Where the test run finds the built plugin folders and media fixtures.</summary>
public static class TestPaths
{
    /// <summary>plugins/ beside the test assembly (filled by build/PluginHost.targets).</summary>
    public static string Plugins => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>A committed media fixture.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}

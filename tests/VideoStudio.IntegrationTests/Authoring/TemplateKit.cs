namespace VideoStudio.IntegrationTests.Authoring;

/// <summary>
/// The plugin template installed once, from the repository folder, into a temporary template hive (DOTNET_CLI_HOME),
/// and one temporary package folder shared by every project made from it, so nothing reaches the user's own
/// templates or package cache and the test framework is restored once. Projects are made with no edits: what
/// `dotnet new` writes (its nuget.config included) is what is built.
/// </summary>
public sealed class TemplateKit : IAsyncLifetime
{
    public static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "videostudio-kit-" + Guid.NewGuid().ToString("N"));

    private string Home => Path.Combine(Root, "dotnet-home");

    private string Packages => Path.Combine(Root, "packages");

    // The machine's package cache, offered as one more local source: restore copies the test framework from it
    // instead of downloading it again (the template's own sources stay as they are).
    private static string MachineCache => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
        ? packages
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private Dictionary<string, string> Environment_ => new()
    {
        ["DOTNET_CLI_HOME"] = Home,
        ["NUGET_PACKAGES"] = Packages,
    };

    public static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "VideoStudio.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new DirectoryNotFoundException("VideoStudio.sln not found above the test output.");
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        (int code, string output) = await RunAsync(Root, "new", "install", Path.Combine(RepoRoot(), "templates", "videostudio-plugin"));
        code.ShouldBe(0, output);
    }

    /// <summary>`dotnet new videostudio-plugin -n <paramref name="name"/> [options]` in the kit's folder; returns the project folder.</summary>
    public async Task<string> NewAsync(string name, params string[] options)
    {
        (int code, string output) = await RunAsync(Root, ["new", "videostudio-plugin", "-n", name, .. options]);
        code.ShouldBe(0, output);
        return Path.Combine(Root, name);
    }

    /// <summary>`dotnet build` then `dotnet test` in <paramref name="project"/>, the tests running <paramref name="cliDll"/>; returns the test output.</summary>
    public async Task<string> BuildAndTestAsync(string project, string cliDll)
    {
        (int code, string output) = await RunAsync(project, "build", "-nologo", "-v", "q", "-p:RestoreAdditionalProjectSources=" + MachineCache);
        code.ShouldBe(0, output);
        (code, output) = await RunAsync(project, new Dictionary<string, string> { ["VIDEOSTUDIO_CLI"] = cliDll }, "test");
        code.ShouldBe(0, output);
        return output;
    }

    private Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] args) =>
        RunAsync(directory, new Dictionary<string, string>(), args);

    private Task<(int ExitCode, string Output)> RunAsync(string directory, Dictionary<string, string> extra, params string[] args) =>
        DotnetRun.RunAsync(directory, Slow, Environment_.Concat(extra).ToDictionary(), args);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }

        return ValueTask.CompletedTask;
    }
}

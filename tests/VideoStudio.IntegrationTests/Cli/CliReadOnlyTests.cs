using VideoStudio.IntegrationTests.Crash;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>
/// The read-only commands start with the catalog half of the engine: they answer without opening the job store,
/// which they open only when an input names a <c>job:&lt;id&gt;</c> (CliChainTests covers that path).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CliReadOnlyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "videostudio-cli-readonly-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A data directory that can hold no job store: a plain file stands where the folder would be.
    private string UnusableDataDirectory()
    {
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "not-a-folder");
        File.WriteAllText(file, "a file, not a folder");
        return file;
    }

    [Fact]
    public async Task Estimate_DataDirectoryCannotHoldAJobStore_PricesWithoutOpeningIt()
    {
        CliRun.Outcome run = await CliRun.RunAsync(UnusableDataDirectory(), "estimate", "lightricks/ltx-2-fast/text-to-video", "--input", """{"prompt":"a paper boat","duration":6}""", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.Json["modelId"]!.GetValue<string>().ShouldBe("lightricks/ltx-2-fast/text-to-video");
        run.Json["totalUsd"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Validate_DataDirectoryCannotHoldAJobStore_ValidatesWithoutOpeningIt()
    {
        CliRun.Outcome run = await CliRun.RunAsync(UnusableDataDirectory(), "validate", "lightricks/ltx-2-fast/text-to-video", "--input", """{"prompt":"a paper boat","duration":6}""", "--json");

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.Json["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ModelsAndPlugins_DataDirectoryCannotHoldAJobStore_ListWithoutOpeningIt()
    {
        string data = UnusableDataDirectory();
        CliRun.Outcome models = await CliRun.RunAsync(data, "models", "--json");
        CliRun.Outcome plugins = await CliRun.RunAsync(data, "plugins", "--json");

        models.ExitCode.ShouldBe(0, models.StandardError);
        models.Json.AsArray().ShouldNotBeEmpty();
        plugins.ExitCode.ShouldBe(0, plugins.StandardError);
        plugins.Json.AsArray().ShouldNotBeEmpty();
    }
}

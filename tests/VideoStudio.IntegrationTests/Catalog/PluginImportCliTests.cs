using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Cli;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// `videostudio plugins import` as the tool ships (every shipped plugin present, no `--plugins-dir`, the embedded
/// simulator's catalogue): the walk of docs/writing-a-plugin.md §0b. A catalogue-only model is printed, installed into
/// the user's plugins directory, listed and priced, refused a second time without `--upgrade` and bumped with it; a
/// family whose plugin ships is told to name another family; `--out` writes a shipped model's folder to curate.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "ChildProcess")]
public sealed class PluginImportCliTests : IDisposable
{
    private const string ExtendFast = "bytedance/seedance-v1.5-pro/video-extend-fast";
    private const string TalkVideo = "wavespeed-ai/infinitetalk/video-to-video";
    private readonly string root = Path.Combine(Path.GetTempPath(), "videostudio-import-cli-" + Guid.NewGuid().ToString("N"));

    private string Data => Path.Combine(root, "data");

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [Fact]
    public async Task Import_CatalogueOnlyModel_DryRunThenInstalledIntoUserPluginsListedPricedAndUpgraded()
    {
        CliRun.Outcome dry = await CliRun.RunAsync(Data, "plugins", "import", ExtendFast, "--dry-run");
        dry.ExitCode.ShouldBe(0, dry.StandardError);
        dry.StandardOutput.ShouldContain("--- SeedanceV15Pro/plugin.json");
        Directory.Exists(Path.Combine(Data, "plugins")).ShouldBeFalse();

        CliRun.Outcome imported = await CliRun.RunAsync(Data, "plugins", "import", ExtendFast, "--json");
        imported.ExitCode.ShouldBe(0, imported.StandardError);
        imported.Json["folders"]![0]!.GetValue<string>().ShouldStartWith(Path.Combine(Data, "plugins"));
        CliRun.Outcome models = await CliRun.RunAsync(Data, "models", "--json");
        models.Json.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(ExtendFast);
        CliRun.Outcome estimate = await CliRun.RunAsync(Data, "estimate", ExtendFast, "--input", """{"video":"http://127.0.0.1:9/in.mp4","prompt":"p","duration":6}""", "--json");
        estimate.ExitCode.ShouldBe(0, estimate.StandardError);
        estimate.Json["totalUsd"].ShouldBeNull();
        estimate.Json["provenance"]!["confidence"]!.GetValue<string>().ShouldBe("unconfirmed");

        CliRun.Outcome again = await CliRun.RunAsync(Data, "plugins", "import", ExtendFast);
        CliRun.Outcome upgraded = await CliRun.RunAsync(Data, "plugins", "import", ExtendFast, "--upgrade", "--json");

        again.ExitCode.ShouldBe(1);
        again.StandardError.ShouldContain("--upgrade");
        upgraded.ExitCode.ShouldBe(0, upgraded.StandardError);
        upgraded.Json["plugins"]![0]!["version"]!.GetValue<string>().ShouldBe("1.1.0");
    }

    [Fact]
    public async Task Import_FamilyThatShipsAndShippedModel_NamesAnotherFamilyAndOutWritesToCurate()
    {
        CliRun.Outcome shipsFamily = await CliRun.RunAsync(Data, "plugins", "import", TalkVideo);
        shipsFamily.ExitCode.ShouldBe(1);
        shipsFamily.StandardError.ShouldContain("--family");
        shipsFamily.StandardError.ShouldNotContain("Pass --upgrade");

        CliRun.Outcome renamed = await CliRun.RunAsync(Data, "plugins", "import", TalkVideo, "--family", "infinitetalk-video");
        renamed.ExitCode.ShouldBe(0, renamed.StandardError);
        CliRun.Outcome estimate = await CliRun.RunAsync(Data, "estimate", TalkVideo, "--input", """{"video":"http://127.0.0.1:9/in.mp4","audio":"http://127.0.0.1:9/in.wav","resolution":"720p"}""", "--media-duration", "audio=60", "--json");
        estimate.ExitCode.ShouldBe(0, estimate.StandardError);
        estimate.Json["totalUsd"]!.GetValue<decimal>().ShouldBe(3.60m); // 60 s / 5 x $0.30, from the catalogue's formula

        string curate = Path.Combine(root, "curate");
        CliRun.Outcome written = await CliRun.RunAsync(Data, "plugins", "import", "alibaba/wan-3.0/text-to-video", "--out", curate);
        written.ExitCode.ShouldBe(0, written.StandardError);
        File.Exists(Path.Combine(curate, "Wan30", "plugin.json")).ShouldBeTrue();
        JsonNode.Parse(File.ReadAllText(Path.Combine(curate, "Wan30", "plugin.json")))!["version"]!.GetValue<string>().ShouldBe("1.0.0");
    }
}

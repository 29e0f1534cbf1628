using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>`videostudio plugins check | install | remove` as real processes on real folders.</summary>
public sealed class CliPluginsTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "videostudio-cli-plugins-" + Guid.NewGuid().ToString("N"));

    private string Plugins => Path.Combine(root, "plugins");

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

    private string Source(string name)
    {
        string folder = Path.Combine(root, name);
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Ltx2"), folder);
        return folder;
    }

    [Fact]
    public async Task PluginsCheck_HealthyAndTooDeepFolders_ExitZeroThenOneWithReason()
    {
        string healthy = Source("healthy");
        string deep = Source("deep");
        string schema = Path.Combine(deep, "models", "ltx-2-pro-text-to-video.schema.json");
        string text = File.ReadAllText(schema).TrimEnd();
        File.WriteAllText(schema, text[..text.LastIndexOf('}')] + ",\"x\":" + new string('[', 70) + new string(']', 70) + "}");

        CliRun.Outcome ok = await CliRun.RunAsync(Data, "plugins", "check", healthy, "--json");
        CliRun.Outcome bad = await CliRun.RunAsync(Data, "plugins", "check", deep);

        ok.ExitCode.ShouldBe(0, ok.StandardError);
        ok.Json["status"]!.GetValue<string>().ShouldBe("active");
        bad.ExitCode.ShouldBe(1);
        bad.StandardOutput.ShouldContain("nests deeper than the limit of 32 levels");
    }

    [Fact]
    public async Task PluginsInstallThenRemove_ModelsServedThenUnknown()
    {
        string source = Source("src");

        CliRun.Outcome install = await CliRun.RunAsync(Data, "plugins", "install", source, "--plugins-dir", Plugins);
        CliRun.Outcome models = await CliRun.RunAsync(Data, "models", "--plugins-dir", Plugins, "--json");
        CliRun.Outcome remove = await CliRun.RunAsync(Data, "plugins", "remove", "videostudio.ltx2", "--plugins-dir", Plugins);
        CliRun.Outcome gone = await CliRun.RunAsync(Data, "validate", "ltx-2-fast-t2v", "--input", "{\"prompt\":\"p\"}", "--plugins-dir", Plugins);

        install.ExitCode.ShouldBe(0, install.StandardError);
        models.Json.AsArray().Count.ShouldBe(5);
        remove.ExitCode.ShouldBe(0, remove.StandardError);
        gone.ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Validate_ModelOfRefusedPlugin_SaysThePluginWasRefusedAndWhy()
    {
        string pluginsDir = Plugins;
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), pluginsDir);
        string broken = Path.Combine(pluginsDir, "Ltx2", "models", "ltx-2-retake.pricing.json");
        PluginFolderFiles.EditJson(broken, p => p["rate"] = new System.Text.Json.Nodes.JsonObject { ["usd"] = 0 });

        CliRun.Outcome run = await CliRun.RunAsync(Data, "validate", "lightricks/ltx-2-fast/text-to-video", "--input", "{\"prompt\":\"p\"}", "--plugins-dir", pluginsDir);
        CliRun.Outcome models = await CliRun.RunAsync(Data, "models", "--plugins-dir", pluginsDir, "--json");

        run.ExitCode.ShouldBe(3);
        run.StandardError.ShouldContain("plugin 'videostudio.ltx2' (folder Ltx2) declares it but was refused");
        run.StandardError.ShouldContain("a rate must be above 0 USD");
        models.ExitCode.ShouldBe(0, models.StandardError);
        models.Json.AsArray().Count.ShouldBeGreaterThan(10);
    }
}

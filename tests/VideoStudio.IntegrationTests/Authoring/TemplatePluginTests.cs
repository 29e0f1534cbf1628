using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Cli;
using VideoStudio.IntegrationTests.Crash;
using VideoStudio.IntegrationTests.Server;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Authoring;

/// <summary>
/// The author's path, end to end, outside the solution: `dotnet new videostudio-plugin` in a temporary directory,
/// built against the packed VideoStudio.Contracts from the local feed (restore from that feed and the machine's
/// package cache only), its generated conformance test run with `dotnet test`, checked and installed with the built CLI, validated, priced and generated on the embedded
/// simulator; then seen by a running server, upgraded and removed live.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "DotnetNew")]
public sealed class TemplatePluginTests : IDisposable
{
    private const string Model = "zebra/hello-video/text-to-video";
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private readonly string root = Path.Combine(Path.GetTempPath(), "videostudio-author-" + Guid.NewGuid().ToString("N"));

    private string Plugins => Path.Combine(root, "plugins");

    private string Data => Path.Combine(root, "data");

    private string Output => Path.Combine(root, "Zebra", "bin", "Debug", "net10.0");

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

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "VideoStudio.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new DirectoryNotFoundException("VideoStudio.sln not found above the test output.");
    }

    private async Task CreateAndBuildAsync()
    {
        string repo = RepoRoot();
        Directory.CreateDirectory(root);
        string hive = Path.Combine(root, "template-hive");
        (int code, string output) = await DotnetRun.RunAsync(root, Slow, "new", "install", Path.Combine(repo, "templates", "videostudio-plugin"), "--debug:custom-hive", hive);
        code.ShouldBe(0, output);
        (code, output) = await DotnetRun.RunAsync(root, Slow, "new", "videostudio-plugin", "-n", "Zebra", "-o", Path.Combine(root, "Zebra"), "--debug:custom-hive", hive);
        code.ShouldBe(0, output);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(root, "Zebra", "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="videostudio-local" value="{Path.Combine(repo, "artifacts", "feed")}" />
                <add key="machine-cache" value="{cache}" />
              </packageSources>
            </configuration>
            """);
        (code, output) = await DotnetRun.RunAsync(Path.Combine(root, "Zebra"), Slow, "build", "-nologo", "-v", "q", "-p:RestorePackagesPath=" + Path.Combine(root, "packages"));
        code.ShouldBe(0, output);
        (code, output) = await DotnetRun.RunAsync(Path.Combine(root, "Zebra"), Slow, new Dictionary<string, string> { ["VIDEOSTUDIO_CLI"] = CliLocator.CliDll },
            "test", "--project", Path.Combine("tests", "VideoStudio.Plugins.Zebra.Tests"), "-p:RestorePackagesPath=" + Path.Combine(root, "packages"));
        code.ShouldBe(0, output);
        output.ShouldContain("succeeded: 1");
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), Plugins);
    }

    private static async Task<decimal?> ServerPriceAsync(ServerHarness h)
    {
        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/estimate", UriKind.Relative), ServerHarness.Body(new { model = Model, input = new { prompt = "a zebra crossing a road", duration = 5 } }), h.Token);
        return response.StatusCode == HttpStatusCode.OK ? (await h.JsonAsync(response))["totalUsd"]?.GetValue<decimal>() : null;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken ct)
    {
        T value = await read();
        for (int i = 0; i < 150 && !done(value); i++)
        {
            await Task.Delay(100, ct);
            value = await read();
        }

        return value;
    }

    [Fact]
    public async Task TemplatePlugin_BuiltOutsideRepoAgainstPackage_InstallsValidatesPricesGeneratesUpgradesAndRemovesLive()
    {
        await CreateAndBuildAsync();
        const string input = """{"prompt":"a zebra crossing a road","duration":5}""";

        CliRun.Outcome check = await CliRun.RunAsync(Data, "plugins", "check", Output, "--json");
        check.ExitCode.ShouldBe(0, check.StandardOutput + check.StandardError);
        CliRun.Outcome install = await CliRun.RunAsync(Data, "plugins", "install", Output, "--plugins-dir", Plugins);
        install.ExitCode.ShouldBe(0, install.StandardError);
        CliRun.Outcome validate = await CliRun.RunAsync(Data, "validate", Model, "--input", """{"prompt":"hi"}""", "--plugins-dir", Plugins, "--json");
        validate.ExitCode.ShouldBe(0, validate.StandardError);
        validate.Json["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()).ShouldContain("prompt_short");
        CliRun.Outcome estimate = await CliRun.RunAsync(Data, "estimate", Model, "--input", input, "--plugins-dir", Plugins, "--json");
        estimate.Json["totalUsd"]!.GetValue<decimal>().ShouldBe(0.10m);
        string video = Path.Combine(root, "zebra.mp4");
        CliRun.Outcome generate = await CliRun.RunAsync(Data, "generate", Model, "--input", input, "--out", video, "--plugins-dir", Plugins, "--json");
        generate.ExitCode.ShouldBe(0, generate.StandardError);
        File.Exists(video).ShouldBeTrue();

        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: Plugins, timeout: TimeSpan.FromMinutes(3));
        (await ServerPriceAsync(h)).ShouldBe(0.10m);
        PluginFolderFiles.EditJson(Path.Combine(Output, "plugin.json"), m => m["version"] = "1.1.0");
        PluginFolderFiles.EditJson(Path.Combine(Output, "models", "zebra-hello.pricing.json"), p => p["rate"] = new JsonObject { ["usd"] = 0.03 });
        CliRun.Outcome upgrade = await CliRun.RunAsync(Data, "plugins", "install", Output, "--plugins-dir", Plugins);
        upgrade.ExitCode.ShouldBe(0, upgrade.StandardError);
        upgrade.StandardOutput.ShouldContain("replaced 1.0.0");
        (await EventuallyAsync(() => ServerPriceAsync(h), p => p == 0.15m, h.Token)).ShouldBe(0.15m);
        CliRun.Outcome remove = await CliRun.RunAsync(Data, "plugins", "remove", "zebra.plugin", "--plugins-dir", Plugins);
        remove.ExitCode.ShouldBe(0, remove.StandardError);
        (await EventuallyAsync(() => ServerPriceAsync(h), p => p is null, h.Token)).ShouldBeNull();
        CliRun.Outcome gone = await CliRun.RunAsync(Data, "estimate", Model, "--input", input, "--plugins-dir", Plugins);
        gone.ExitCode.ShouldBe(3);
    }
}

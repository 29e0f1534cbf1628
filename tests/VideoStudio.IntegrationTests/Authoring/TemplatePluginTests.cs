using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Cli;
using VideoStudio.IntegrationTests.Crash;
using VideoStudio.IntegrationTests.Server;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Authoring;

/// <summary>
/// The author's path, end to end, outside the solution and with no hand edits: `dotnet new videostudio-plugin` in a
/// temporary directory (data only by default, `--code` for a plugin with an input rule built against the
/// VideoStudio.Contracts package the template carries), `dotnet build`, `dotnet test` (the generated conformance
/// test), `plugins check`; the data-only plugin installed into the user's plugins directory and served from it beside
/// the shipped plugins; the code plugin installed, validated, priced and generated on the embedded simulator, then
/// seen by a running server, upgraded and removed live.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "DotnetNew")]
public sealed class TemplatePluginTests(TemplateKit kit) : IClassFixture<TemplateKit>
{
    private const string Model = "zebra/hello-video/text-to-video";

    private string Plugins => Path.Combine(kit.Root, "plugins");

    private string Data => Path.Combine(kit.Root, "data");

    private string Output => Path.Combine(kit.Root, "Zebra", "plugin", "bin", "Debug", "net10.0");

    private async Task CreateAndBuildAsync()
    {
        string project = await kit.NewAsync("Zebra", "--code");
        File.Exists(Path.Combine(project, "feed", "VideoStudio.Contracts.1.1.0.nupkg")).ShouldBeTrue();
        (await kit.BuildAndTestAsync(project, CliLocator.CliDll)).ShouldContain("succeeded: 1");
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), Plugins);
    }

    [Fact]
    public async Task DataOnlyTemplate_NewBuildTestAndInstallWithoutPluginsDir_ServedFromUserPluginsDirectoryBesideShippedOnes()
    {
        string project = await kit.NewAsync("Yak");
        Directory.GetFiles(project, "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileName).ShouldBe(["VideoStudio.Plugins.Yak.Tests.csproj"]);
        Directory.Exists(Path.Combine(project, "feed")).ShouldBeFalse();
        (await kit.BuildAndTestAsync(project, CliLocator.CliDll)).ShouldContain("succeeded: 1");
        string data = Path.Combine(kit.Root, "data-yak");

        CliRun.Outcome check = await CliRun.RunAsync(data, "plugins", "check", Path.Combine(project, "plugin"), "--json");
        check.ExitCode.ShouldBe(0, check.StandardOutput + check.StandardError);
        check.Json["status"]!.GetValue<string>().ShouldBe("active");
        CliRun.Outcome install = await CliRun.RunAsync(data, "plugins", "install", Path.Combine(project, "plugin"));
        install.ExitCode.ShouldBe(0, install.StandardError);
        File.Exists(Path.Combine(data, "plugins", "yak.plugin", "plugin.json")).ShouldBeTrue();
        CliRun.Outcome models = await CliRun.RunAsync(data, "models", "--json");
        string[] ids = models.Json.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToArray();
        ids.ShouldContain("yak/hello-video/text-to-video");
        ids.ShouldContain("alibaba/wan-2.5/text-to-video");
        string video = Path.Combine(kit.Root, "yak.mp4");
        CliRun.Outcome generate = await CliRun.RunAsync(data, "generate", "yak-hello", "--input", """{"prompt":"a yak on a mountain pass","duration":5}""", "--out", video, "--json");
        generate.ExitCode.ShouldBe(0, generate.StandardError);
        File.Exists(video).ShouldBeTrue();
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
        string video = Path.Combine(kit.Root, "zebra.mp4");
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

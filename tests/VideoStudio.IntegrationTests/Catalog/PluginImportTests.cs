using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Drift;
using VideoStudio.IntegrationTests.Server;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// A model only the simulator's provider catalogue has is imported into a running server over HTTP; it then
/// validates, prices and generates on the same (embedded-style) simulator without a restart, `catalog check` finds no
/// drift for it, and a second import refuses to overwrite unless asked to upgrade.
/// </summary>
public sealed class PluginImportTests : IDisposable
{
    private const string Wan30 = "alibaba/wan-3.0/text-to-video";
    private static readonly string[] FaceSwap = ["wavespeed-ai/video-face-swap"];
    private static readonly string[] Translate = ["heygen/video-translate"];
    private static readonly Uri Import = new("/v1/plugins/import", UriKind.Relative);
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "videostudio-import-" + Guid.NewGuid().ToString("N"));

    public PluginImportTests()
    {
        Directory.CreateDirectory(plugins);
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Ltx2"), Path.Combine(plugins, "Ltx2"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(plugins, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [Fact]
    public async Task ImportIntoRunningServer_CatalogueOnlyModel_ValidatesPricesAndGeneratesWithoutRestart()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins, simulatorPluginsDirectory: plugins, timeout: TimeSpan.FromSeconds(90));
        HttpClient client = h.Client();
        var input = new JsonObject { ["prompt"] = "a lighthouse in a storm", ["resolution"] = "720p", ["duration"] = 6 };
        (await client.PostAsync(new Uri("/v1/estimate", UriKind.Relative), ServerHarness.Body(new { model = Wan30, input }), h.Token)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        HttpResponseMessage imported = await client.PostAsync(Import, ServerHarness.Body(new { models = new[] { Wan30 } }), h.Token);
        JsonNode report = await h.JsonAsync(imported);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToJsonString());
        report["plugins"]![0]!["pluginId"]!.GetValue<string>().ShouldBe("videostudio.wan-3-0");

        JsonNode validation = await h.JsonAsync(await client.PostAsync(new Uri("/v1/validate", UriKind.Relative), ServerHarness.Body(new { model = Wan30, input }), h.Token));
        validation["valid"]!.GetValue<bool>().ShouldBeTrue(validation.ToJsonString());
        JsonNode estimate = await h.JsonAsync(await client.PostAsync(new Uri("/v1/estimate", UriKind.Relative), ServerHarness.Body(new { model = Wan30, input }), h.Token));
        estimate["totalUsd"]!.GetValue<decimal>().ShouldBe(3.00m); // 6 s x $0.50/s at 720p, from the catalogue's formula

        HttpResponseMessage submitted = await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = Wan30, input }), h.Token);
        string id = (await h.JsonAsync(submitted))["id"]!.GetValue<string>();
        List<JsonNode> events = await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        events[^1]["kind"]!.GetValue<string>().ShouldBe("completed", events[^1].ToJsonString());

        IReadOnlyList<CatalogDrift> drift = await h.App.Services.GetRequiredService<CatalogDriftCheck>().CheckAsync(h.Token);
        CatalogDrift wan = drift.Single(d => d.ModelId == Wan30);
        wan.Status.ShouldBe("ok", string.Join("; ", wan.Differences));
    }

    [Fact]
    public async Task ImportAgain_PluginInstalled_RefusedWithoutUpgradeAndBumpedWithIt()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins, simulatorPluginsDirectory: plugins, timeout: TimeSpan.FromSeconds(60));
        HttpClient client = h.Client();
        (await client.PostAsync(Import, ServerHarness.Body(new { models = FaceSwap }), h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        HttpResponseMessage again = await client.PostAsync(Import, ServerHarness.Body(new { models = FaceSwap }), h.Token);
        HttpResponseMessage upgraded = await client.PostAsync(Import, ServerHarness.Body(new { models = FaceSwap, upgrade = true }), h.Token);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync(h.Token)).ShouldContain("--upgrade");
        upgraded.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await h.JsonAsync(upgraded))["plugins"]![0]!["version"]!.GetValue<string>().ShouldBe("1.1.0");
    }

    [Fact]
    public async Task ImportDryRun_WritesNothing_AnswersTheFiles()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins, simulatorPluginsDirectory: plugins);

        HttpResponseMessage response = await h.Client().PostAsync(Import, ServerHarness.Body(new { models = Translate, dryRun = true }), h.Token);
        JsonNode report = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToJsonString());

        report["dryRun"]!.GetValue<bool>().ShouldBeTrue();
        report["plugins"]![0]!["files"]!.AsObject().Select(f => f.Key).ShouldContain("plugin.json");
        Directory.GetDirectories(plugins).Select(Path.GetFileName).ShouldBe(["Ltx2"]);
    }
}

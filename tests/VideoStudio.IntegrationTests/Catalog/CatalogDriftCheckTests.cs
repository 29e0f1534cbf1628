using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Simulator;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// The "live" catalogue is a simulator serving a changed copy of the plugins; the engine runs on the originals.
/// </summary>
public sealed class CatalogDriftCheckTests
{
    private const string Spicy = "wavespeed-ai/wan-2.2-spicy/video-extend";

    [Fact]
    public async Task Check_LiveSchemaAndPriceChanged_ReportsEachDifference()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string live = Path.Combine(Path.GetTempPath(), "videostudio-live-" + Guid.NewGuid().ToString("N"));
        string plugins = Path.Combine(AppContext.BaseDirectory, "plugins");
        PluginFolderFiles.CopyDirectory(plugins, live);
        PluginFolderFiles.EditJson(Path.Combine(live, "Wan", "models", "wan-2.2-spicy-video-extend.schema.json"), s =>
        {
            s["properties"]!["duration"]!["enum"] = new JsonArray(5, 8, 10);
            s["properties"]!.AsObject()["shot_type"] = new JsonObject { ["type"] = "string", ["title"] = "Shot type" };
        });
        PluginFolderFiles.EditJson(Path.Combine(live, "Wan", "models", "wan-2.2-spicy-video-extend.pricing.json"), p => p["rate"]!["usd"]!["720p"] = 0.07);

        await using SimulatorServer server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ApiKey = "k", PluginsDirectory = live, ConfigureLogging = l => l.SetMinimumLevel(LogLevel.Warning),
        }, timeout.Token);
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => { o.PluginsDirectory = plugins; o.ProbeRemoteMedia = false; });
        services.UseSimulator(server);
        await using ServiceProvider provider = services.BuildServiceProvider();

        IReadOnlyList<CatalogDrift> report = await provider.GetRequiredService<CatalogDriftCheck>().CheckAsync(timeout.Token);

        CatalogDrift spicy = report.Single(d => d.ModelId == Spicy);
        spicy.Status.ShouldBe("drift");
        spicy.Differences.ShouldContain(d => d.StartsWith("/duration: live enum [5,8,10]", StringComparison.Ordinal));
        spicy.Differences.ShouldContain(d => d.StartsWith("/shot_type: live input", StringComparison.Ordinal));
        spicy.Differences.ShouldContain(d => d.Contains("plugin $0.48, live quote $0.56", StringComparison.Ordinal));
        report.Where(d => d.ModelId != Spicy).ShouldAllBe(d => d.Status == "ok");
        Directory.Delete(live, recursive: true);
    }
}

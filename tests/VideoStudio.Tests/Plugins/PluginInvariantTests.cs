using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>Data invariants checked at load: no rate of 0 or below, every card example validates and prices.</summary>
public sealed class PluginInvariantTests : IDisposable
{
    private const string FastPricing = "models/ltx-2-fast-text-to-video.pricing.json";
    private readonly TempDirectory plugins = new();

    public void Dispose() => plugins.Dispose();

    private string CopyLtx2()
    {
        string target = Path.Combine(plugins.Path, "Ltx2");
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), target);
        return target;
    }

    private async Task<PluginInfo> DiscoverAsync()
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path);
        PluginCatalog catalog = await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
        return catalog.Plugins.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    [InlineData("{\"usd\":0}")]
    public async Task Discover_FlatRateZeroOrBelow_Quarantined(string rate)
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, FastPricing), p => p["rate"] = new JsonObject { ["usd"] = JsonNode.Parse(rate) });

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain(FastPricing);
    }

    [Fact]
    public async Task Discover_NegativePerValueRate_QuarantinedNamingTheValue()
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, FastPricing), p =>
            p["rate"] = new JsonObject { ["by"] = "duration", ["usd"] = new JsonObject { ["6"] = 0.04, ["8"] = -0.04 } });

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("rate.usd.8 is -0.04: a rate must be above 0 USD");
    }

    [Fact]
    public async Task Discover_ZeroMultiplier_Quarantined()
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, FastPricing), p =>
            p["multipliers"] = new JsonArray(new JsonObject { ["field"] = "duration", ["equals"] = 6, ["factor"] = 0, ["label"] = "free" }));

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain(FastPricing);
    }

    [Fact]
    public async Task Discover_CardExampleInvalid_QuarantinedNamingTheModel()
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, "plugin.json"), m => m["models"]![0]!["card"]!["exampleInput"]!["duration"] = 3);

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("exampleInput of 'lightricks/ltx-2-pro/text-to-video' does not validate");
    }

    [Fact]
    public async Task Discover_CardExampleUnpricedUnderConfirmedRule_Quarantined()
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, FastPricing), p =>
        {
            p["rate"] = new JsonObject { ["usd"] = null };
            p["confidence"] = "documented";
        });

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("is unknown");
        info.Reason!.ShouldContain("\"confidence\": \"unconfirmed\"");
    }

    [Fact]
    public async Task Discover_CardExampleUnpricedUnderUnconfirmedRuleWithReason_Active()
    {
        string folder = CopyLtx2();
        PluginFolderFiles.EditJson(Path.Combine(folder, FastPricing), p =>
        {
            p["rate"] = new JsonObject { ["usd"] = null };
            p["confidence"] = "unconfirmed";
            p["notes"] = new JsonArray("No published price yet.");
        });

        PluginInfo info = await DiscoverAsync();

        info.Status.ShouldBe(PluginStatus.Active);
    }
}

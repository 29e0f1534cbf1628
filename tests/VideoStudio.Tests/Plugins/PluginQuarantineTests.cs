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

/// <summary>
/// Real plugin folders (copies of the built LTX-2 plugin, then broken one way each) in a temporary plugins
/// directory: the broken one gets a status and an actionable reason, and the host and the healthy one keep working.
/// </summary>
public sealed class PluginQuarantineTests : IDisposable
{
    private readonly TempDirectory plugins = new();

    public void Dispose() => plugins.Dispose();

    private string CopyLtx2(string folder, Action<JsonObject>? editManifest = null)
    {
        string target = Path.Combine(plugins.Path, folder);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), target);
        if (editManifest is not null)
        {
            PluginFolderFiles.EditJson(Path.Combine(target, "plugin.json"), editManifest);
        }

        return target;
    }

    // A second healthy plugin with its own ids, to prove it keeps working next to a broken one.
    private void AddHealthyNeighbour() => CopyLtx2("Healthy", m =>
    {
        m["id"] = "test.healthy";
        foreach (JsonNode? model in m["models"]!.AsArray())
        {
            model!["id"] = "healthy/" + model["id"]!.GetValue<string>();
            model["aliases"] = new JsonArray();
        }
    });

    private async Task<PluginCatalog> DiscoverAsync()
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path);
        return await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
    }

    private async Task<(PluginInfo Broken, PluginCatalog Catalog)> DiscoverBrokenAsync(string folder = "Broken")
    {
        PluginCatalog catalog = await DiscoverAsync();
        catalog.Plugins.Single(p => p.Id == "test.healthy").Status.ShouldBe(PluginStatus.Active);
        catalog.Registry.Find("healthy/lightricks/ltx-2-retake").ShouldNotBeNull();
        return (catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == folder), catalog);
    }

    [Fact]
    public async Task Discover_IntactCopy_IsActiveWithItsModels()
    {
        CopyLtx2("Ltx2");

        PluginCatalog catalog = await DiscoverAsync();

        PluginInfo plugin = catalog.Plugins.ShouldHaveSingleItem();
        plugin.Status.ShouldBe(PluginStatus.Active);
        catalog.Registry.Models.Count.ShouldBe(5);
        catalog.CodeFor(catalog.Registry.Find("ltx-2-retake")).Rules.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Discover_ManifestNotJson_Quarantined()
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken");
        await File.WriteAllTextAsync(Path.Combine(broken, "plugin.json"), "{ this is not json", TestContext.Current.CancellationToken);

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("plugin.json");
    }

    [Fact]
    public async Task Discover_ManifestMissingVersion_QuarantinedNamingMetaSchema()
    {
        AddHealthyNeighbour();
        CopyLtx2("Broken", m => m.Remove("version"));

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("plugin-manifest.schema.json");
        info.Reason!.ShouldContain("version");
    }

    [Theory]
    [InlineData("if")]
    [InlineData("const")]
    [InlineData("dependentRequired")]
    public async Task Discover_SchemaUsesKeywordValidatorIgnores_QuarantinedSayingWhy(string keyword)
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken", m => m["id"] = "test.broken");
        PluginFolderFiles.EditJson(Path.Combine(broken, "models", "ltx-2-retake.schema.json"), s => s["properties"]!["mode"]![keyword] = new JsonObject());

        (PluginInfo info, PluginCatalog catalog) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain($"'{keyword}'");
        info.Reason!.ShouldContain("does not enforce");
        catalog.Registry.TryFind("lightricks/ltx-2-retake").ShouldBeNull();
    }

    [Fact]
    public async Task Discover_PricingInconsistent_Quarantined()
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken");
        PluginFolderFiles.EditJson(Path.Combine(broken, "models", "ltx-2-retake.pricing.json"), p => p["billing"]!["unit"] = "block");

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("blockSeconds");
    }

    [Theory]
    [InlineData("../outside.schema.json")]
    [InlineData("models/../../Healthy/models/ltx-2-retake.schema.json")]
    public async Task Discover_PathEscapesFolder_Quarantined(string path)
    {
        AddHealthyNeighbour();
        CopyLtx2("Broken", m => m["models"]![0]!["schema"] = path);

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("outside the plugin folder");
    }

    [Fact]
    public async Task Discover_ModelIdClaimedTwice_SecondQuarantinedNamingFirst()
    {
        CopyLtx2("A_First");
        CopyLtx2("B_Second", m => m["id"] = "test.second");

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.Single(p => p.Id == "videostudio.ltx2").Status.ShouldBe(PluginStatus.Active);
        PluginInfo second = catalog.Plugins.Single(p => p.Id == "test.second");
        second.Status.ShouldBe(PluginStatus.Quarantined);
        second.Reason!.ShouldContain("already provided by plugin 'videostudio.ltx2'");
    }

    [Fact]
    public async Task Discover_AliasClaimedByAnotherPlugin_Quarantined()
    {
        AddHealthyNeighbour();
        CopyLtx2("Later", m =>
        {
            m["id"] = "test.alias";
            foreach (JsonNode? model in m["models"]!.AsArray())
            {
                model!["id"] = "other/" + model["id"]!.GetValue<string>();
            }

            m["models"]![0]!["aliases"] = new JsonArray("healthy/lightricks/ltx-2-retake");
        });

        (PluginInfo info, _) = await DiscoverBrokenAsync("Later");

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("already provided");
    }

    [Fact]
    public async Task Discover_ContractsDllCopiedIntoFolder_CodeFailedButModelsStillPriced()
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken", m => m["id"] = "test.copied");
        File.Copy(typeof(VideoStudio.Contracts.IVideoStudioPlugin).Assembly.Location, Path.Combine(broken, PluginCodeActivator.ContractsFileName));

        (PluginInfo info, PluginCatalog catalog) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("Private=false");
        await using ServiceProvider services = EngineFactory.Create(plugins.Path);
        var report = await services.GetRequiredService<IVideoStudio>().EstimateAsync("ltx-2-pro-t2v", new JsonObject { ["prompt"] = "p", ["duration"] = 8 }, null, TestContext.Current.CancellationToken);
        report.Estimate!.TotalUsd.ShouldBe(0.48m);
        catalog.CodeFor(catalog.Registry.Find("ltx-2-retake")).Rules.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[2.0, 3.0)")]
    [InlineData("[0.1, 1.0)")]
    public async Task Discover_ContractsRangeExcludesHost_CodeFailedNamingBothVersions(string range)
    {
        AddHealthyNeighbour();
        CopyLtx2("Broken", m => { m["id"] = "test.range"; m["contracts"] = range; RenameModels(m, "range/"); });

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain(PluginCodeActivator.HostContractsVersion.ToNormalizedString());
    }

    [Fact]
    public async Task Discover_ContractsRangeUnparseable_CodeFailedWithSyntaxHint()
    {
        AddHealthyNeighbour();
        CopyLtx2("Broken", m => { m["id"] = "test.badrange"; m["contracts"] = ">= one"; RenameModels(m, "badrange/"); });

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("[1.0, 2.0)");
    }

    [Fact]
    public async Task Discover_EntryAssemblyCorrupt_CodeFailedHostKeepsRunning()
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken", m => { m["id"] = "test.corrupt"; RenameModels(m, "corrupt/"); });
        await File.WriteAllBytesAsync(Path.Combine(broken, "VideoStudio.Plugins.Ltx2.dll"), new byte[] { 0x4D, 0x5A, 0x00, 0x01, 0x02 }, TestContext.Current.CancellationToken);

        (PluginInfo info, PluginCatalog catalog) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("could not be loaded");
        catalog.Registry.Find("corrupt/lightricks/ltx-2-retake").ShouldNotBeNull();
    }

    [Fact]
    public async Task Discover_EntryAssemblyMissing_CodeFailed()
    {
        AddHealthyNeighbour();
        string broken = CopyLtx2("Broken", m => { m["id"] = "test.missing"; RenameModels(m, "missing/"); });
        File.Delete(Path.Combine(broken, "VideoStudio.Plugins.Ltx2.dll"));

        (PluginInfo info, _) = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("is not in the folder");
    }

    private static void RenameModels(JsonObject manifest, string prefix)
    {
        foreach (JsonNode? model in manifest["models"]!.AsArray())
        {
            model!["id"] = prefix + model["id"]!.GetValue<string>();
            model["aliases"] = new JsonArray();
        }
    }
}

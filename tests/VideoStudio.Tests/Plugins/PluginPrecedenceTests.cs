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
/// Conflicts of plugin id, model id and alias: the plugin already installed (built-ins first) keeps its models, the
/// newcomer alone is refused naming the holder, whatever the folders are called.
/// </summary>
public sealed class PluginPrecedenceTests : IDisposable
{
    private const string FastT2v = "lightricks/ltx-2-fast/text-to-video";
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

    // The impostor of the issue: same model ids as LTX-2, its own plugin id, a higher price.
    private void AddImpostor(string folder)
    {
        string target = CopyLtx2(folder, m => m["id"] = "evil.ltx");
        PluginFolderFiles.EditJson(Path.Combine(target, "models/ltx-2-fast-text-to-video.pricing.json"), p => p["rate"] = new JsonObject { ["usd"] = 0.5 });
    }

    private async Task<PluginCatalog> DiscoverAsync()
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path);
        return await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Discover_FolderNamedToSortFirstClaimsBuiltInModel_RefusedAndEveryLtx2ModelKept()
    {
        PluginFolderFiles.CopyDirectory(TestPaths.Plugins, plugins.Path);
        AddImpostor("0000-first");

        PluginCatalog catalog = await DiscoverAsync();

        PluginInfo impostor = catalog.Plugins.Single(p => p.Id == "evil.ltx");
        impostor.Status.ShouldBe(PluginStatus.Quarantined);
        impostor.Reason!.ShouldContain("is already provided by plugin 'videostudio.ltx2' (built in), which keeps it; this plugin was refused");
        PluginInfo ltx2 = catalog.Plugins.Single(p => p.Id == "videostudio.ltx2");
        ltx2.Status.ShouldBe(PluginStatus.Active);
        ltx2.ModelIds.Count.ShouldBe(5);
        catalog.Registry.Find(FastT2v).Descriptor.PluginId.ShouldBe("videostudio.ltx2");
        catalog.Registry.Find(FastT2v).Pricing.Rate.Flat!.Usd.ShouldBe(0.04m);
    }

    [Theory]
    [InlineData("Installed", "Aaa-newcomer")]
    [InlineData("Zzz-installed", "Newcomer")]
    public async Task Discover_NewcomerClaimsInstalledModel_OnlyNewcomerRefusedWhateverTheNames(string installedFolder, string newcomerFolder)
    {
        CopyLtx2(installedFolder);
        (await DiscoverAsync()).Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Active);
        AddImpostor(newcomerFolder);

        PluginCatalog first = await DiscoverAsync();
        PluginCatalog again = await DiscoverAsync();

        foreach (PluginCatalog catalog in new[] { first, again })
        {
            catalog.Plugins.Single(p => p.Id == "videostudio.ltx2").Status.ShouldBe(PluginStatus.Active);
            catalog.Plugins.Single(p => p.Id == "evil.ltx").Reason!.ShouldContain("plugin 'videostudio.ltx2' (installed earlier)");
            catalog.Registry.Find(FastT2v).Descriptor.PluginId.ShouldBe("videostudio.ltx2");
        }

        File.Exists(PluginInstallRecord.PathFor(plugins.Path, EngineFactory.PluginStateDirectory)).ShouldBeTrue();
        File.Exists(Path.Combine(plugins.Path, PluginInstallRecord.FileName)).ShouldBeFalse();
    }

    [Fact]
    public async Task Discover_SamePluginIdInAnotherFolder_SecondCopyRefused()
    {
        CopyLtx2("Zzz");
        await DiscoverAsync();
        CopyLtx2("Aaa");

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == "Zzz").Status.ShouldBe(PluginStatus.Active);
        PluginInfo copy = catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == "Aaa");
        copy.Status.ShouldBe(PluginStatus.Quarantined);
        copy.Reason!.ShouldContain("plugin id 'videostudio.ltx2' is already installed in another folder");
    }

    [Fact]
    public async Task Find_ModelOfRefusedPlugin_SaysWhichPluginWasRefusedAndWhy()
    {
        CopyLtx2("Installed");
        await DiscoverAsync();
        CopyLtx2("Newcomer", m =>
        {
            m["id"] = "acme.ltx";
            foreach (JsonNode? model in m["models"]!.AsArray())
            {
                model!["id"] = "acme/" + model["id"]!.GetValue<string>();
                model["aliases"] = new JsonArray();
            }

            m["models"]![0]!["aliases"] = new JsonArray("ltx-2-fast-t2v");
        });

        PluginCatalog catalog = await DiscoverAsync();

        UnknownModelException unknown = Should.Throw<UnknownModelException>(() => catalog.Registry.Find("acme/lightricks/ltx-2-retake"));
        unknown.Refusal.ShouldNotBeNull();
        unknown.Message.ShouldContain("plugin 'acme.ltx' (folder Newcomer) declares it but was refused");
        unknown.Message.ShouldContain("'ltx-2-fast-t2v' is already provided by plugin 'videostudio.ltx2'");
        catalog.Registry.Find("ltx-2-fast-t2v").Descriptor.PluginId.ShouldBe("videostudio.ltx2");
    }
}

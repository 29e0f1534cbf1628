using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Plugins.Isolation;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>
/// Rules run for the models whose manifest entry lists them (the code names no model id), a manifest that binds none
/// keeps the contracts 1.0 behaviour, and a plugin without code is active with no assembly at all.
/// </summary>
public sealed class RuleBindingTests : IDisposable
{
    private const string Retake = "lightricks/ltx-2-retake";
    private readonly TempDirectory plugins = new();

    public void Dispose() => plugins.Dispose();

    private string Copy(string family, Action<JsonObject>? editManifest = null)
    {
        string target = Path.Combine(plugins.Path, family);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, family), target);
        if (editManifest is not null)
        {
            PluginFolderFiles.EditJson(Path.Combine(target, "plugin.json"), editManifest);
        }

        return target;
    }

    private static JsonObject ModelEntry(JsonObject manifest, string id) =>
        manifest["models"]!.AsArray().Select(m => m!.AsObject()).Single(m => m["id"]!.GetValue<string>() == id);

    private async Task<PluginCatalog> DiscoverAsync()
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path);
        return await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
    }

    private static string[] RuleNames(PluginCatalog catalog, string modelId)
    {
        ModelDefinition model = catalog.Registry.Find(modelId);
        return catalog.CodeFor(model).RulesFor(model.Id).Select(PluginPartName.Of).ToArray();
    }

    [Fact]
    public async Task Discover_BuiltInLtx2_RuleBoundToRetakeOnly()
    {
        Copy("Ltx2");

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.Single().Reason.ShouldBeNull();
        RuleNames(catalog, Retake).ShouldBe(["LongRetakeRule"]);
        RuleNames(catalog, "lightricks/ltx-2-pro/text-to-video").ShouldBeEmpty();
        catalog.CodeFor(catalog.Registry.Find(Retake)).AsksAppliesTo.ShouldBeFalse();
    }

    [Fact]
    public async Task Discover_ModelsRenamedInManifest_RuleFollowsTheManifest()
    {
        // The rule's code once compared model.Id with "lightricks/ltx-2-retake": a renamed model lost its rule.
        Copy("Ltx2", m =>
        {
            foreach (JsonNode? model in m["models"]!.AsArray())
            {
                model!["id"] = "renamed/" + model["id"]!.GetValue<string>();
                model["aliases"] = new JsonArray();
            }
        });

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Active);
        RuleNames(catalog, "renamed/" + Retake).ShouldBe(["LongRetakeRule"]);
    }

    [Fact]
    public async Task Discover_ManifestNamesUnknownRule_CodeFailedNamingRuleAndModel()
    {
        Copy("Ltx2", m => ModelEntry(m, Retake)["rules"] = new JsonArray("LongRetakRule"));

        PluginInfo info = (await DiscoverAsync()).Plugins.ShouldHaveSingleItem();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("'LongRetakRule'");
        info.Reason!.ShouldContain($"model '{Retake}'");
        info.Reason!.ShouldContain("'LongRetakeRule'"); // what the assembly does have
    }

    [Fact]
    public async Task Discover_RuleListedByNoModel_CodeFailedSayingWhereToListIt()
    {
        Copy("Ltx2", m =>
        {
            ModelEntry(m, Retake).Remove("rules");
            ModelEntry(m, "lightricks/ltx-2-pro/text-to-video")["rules"] = new JsonArray();
        });

        PluginInfo info = (await DiscoverAsync()).Plugins.ShouldHaveSingleItem();

        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("'LongRetakeRule'");
        info.Reason!.ShouldContain("no model in plugin.json lists in 'rules'");
    }

    [Fact]
    public async Task Discover_ManifestBindsNoRules_EveryRuleAskedAppliesToAsInContracts10()
    {
        Copy("Ltx2", m => ModelEntry(m, Retake).Remove("rules"));

        PluginCatalog catalog = await DiscoverAsync();

        PluginCode code = catalog.CodeFor(catalog.Registry.Find(Retake));
        code.AsksAppliesTo.ShouldBeTrue();
        RuleNames(catalog, "lightricks/ltx-2-pro/text-to-video").ShouldBe(["LongRetakeRule"]);
    }

    [Fact]
    public async Task Discover_DataOnlyPlugin_ActiveWithoutAnyAssembly()
    {
        string folder = Copy("Hunyuan");

        PluginCatalog catalog = await DiscoverAsync();

        Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories).ShouldBeEmpty();
        PluginInfo info = catalog.Plugins.ShouldHaveSingleItem();
        info.Status.ShouldBe(PluginStatus.Active);
        info.Reason.ShouldBeNull();
        catalog.CodeFor(catalog.Registry.Find("wavespeed-ai/hunyuan-avatar")).ShouldBe(PluginCode.None);
    }

    [Fact]
    public async Task Discover_RulesWithoutEntryAssembly_QuarantinedSayingWhatToSet()
    {
        Copy("Hunyuan", m => ModelEntry(m, "wavespeed-ai/hunyuan-avatar")["rules"] = new JsonArray("PortraitRule"));

        PluginInfo info = (await DiscoverAsync()).Plugins.ShouldHaveSingleItem();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldContain("PortraitRule");
        info.Reason!.ShouldContain("entryAssembly");
    }
}

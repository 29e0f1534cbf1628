using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>
/// Lazy activation of in-process plugin code, against a real copy of the built LTX-2 plugin and a real catalog
/// cache: code whose exact bytes activated before is loaded only when a request needs its rules, never to list
/// models or statuses; changed code is activated (and its failure shown) at load; deferred code that fails when first
/// needed turns its plugin CodeFailed, as a failure at load would; a model the manifest binds no rule to loads none.
/// </summary>
public sealed class DeferredPluginCodeTests : IDisposable
{
    private readonly TempDirectory plugins = new();
    private readonly TempDirectory cache = new();
    private readonly CountingLoader loader = new();

    public void Dispose()
    {
        loader.Dispose();
        plugins.Dispose();
        cache.Dispose();
    }

    private string Folder => Path.Combine(plugins.Path, "Ltx2");

    private string PluginId => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "plugin.json")))!["id"]!.GetValue<string>();

    private async Task<PluginCatalog> DiscoverAsync()
    {
        // A folder new to the install record runs its code in a worker unless trusted in process: this one is.
        await using ServiceProvider services = EngineFactory.Create(plugins.Path, o => o.CatalogCacheDirectory = cache.Path, l => l.InProcessPlugins = [PluginId]);
        return await services.GetRequiredService<PluginDiscovery>().DiscoverAsync(plugins.Path, TestContext.Current.CancellationToken, loader);
    }

    [Fact]
    public async Task Discover_CodeActivatedBefore_LoadsNoCodeUntilARuleIsNeeded()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        PluginCatalog first = await DiscoverAsync();
        loader.Loads.ShouldBe(1);
        first.Plugins.Single().Status.ShouldBe(PluginStatus.Active);

        PluginCatalog second = await DiscoverAsync();
        second.Plugins.Single().Status.ShouldBe(PluginStatus.Active);
        second.Registry.Models.Count.ShouldBe(first.Registry.Models.Count);
        second.CodeFor(second.Registry.Find("lightricks/ltx-2-fast/text-to-video")).Rules.ShouldBeEmpty(); // the manifest binds it no rule
        loader.Loads.ShouldBe(1);

        ModelDefinition retake = second.Registry.Find("lightricks/ltx-2-retake");
        second.CodeFor(retake).RulesFor(retake.Id).Select(r => r.GetType().Name).ShouldBe(first.CodeFor(retake).RulesFor(retake.Id).Select(r => r.GetType().Name));
        loader.Loads.ShouldBe(2);
    }

    [Fact]
    public async Task Discover_EntryAssemblyChangedAfterItActivated_ActivatesAtLoadAndShowsCodeFailed()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        (await DiscoverAsync()).Plugins.Single().Status.ShouldBe(PluginStatus.Active);

        await File.WriteAllBytesAsync(Path.Combine(Folder, "VideoStudio.Plugins.Ltx2.dll"), [0x4D, 0x5A, 0x00, 0x01, 0x02], TestContext.Current.CancellationToken);
        PluginInfo plugin = (await DiscoverAsync()).Plugins.Single();

        plugin.Status.ShouldBe(PluginStatus.CodeFailed);
        plugin.Reason!.ShouldContain("could not be loaded");
        loader.Loads.ShouldBe(2);
    }

    [Fact]
    public async Task PluginOf_DeferredCodeFailsWhenFirstNeeded_PluginReadsCodeFailedAndItsRulesAreNone()
    {
        // A planted key stands for code that activated before and breaks for a reason outside its folder.
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        await File.WriteAllBytesAsync(Path.Combine(Folder, "VideoStudio.Plugins.Ltx2.dll"), [0x4D, 0x5A, 0x00, 0x01, 0x02], TestContext.Current.CancellationToken);
        Directory.CreateDirectory(cache.Path);
        await File.WriteAllTextAsync(Path.Combine(cache.Path, PluginValidationCache.CodeKeyOf(PluginId, Folder)), "planted\n", TestContext.Current.CancellationToken);

        PluginCatalog catalog = await DiscoverAsync();
        catalog.Plugins.Single().Status.ShouldBe(PluginStatus.Active);
        ModelDefinition retake = catalog.Registry.Find("lightricks/ltx-2-retake");

        PluginInfo plugin = catalog.PluginOf(retake);

        plugin.Status.ShouldBe(PluginStatus.CodeFailed);
        plugin.Reason!.ShouldContain("could not be loaded");
        catalog.Plugins.Single().Status.ShouldBe(PluginStatus.CodeFailed);
        catalog.CodeFor(retake).Rules.ShouldBeEmpty();
    }

    // Counts activations through the real loader.
    private sealed class CountingLoader : IPluginCodeLoader, IDisposable
    {
        private readonly McMasterPluginCodeLoader inner = new();
        private int loads;

        public int Loads => Volatile.Read(ref loads);

        public Assembly Load(string assemblyPath)
        {
            Interlocked.Increment(ref loads);
            return inner.Load(assemblyPath);
        }

        public void Dispose() => inner.Dispose();
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Loader;
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
/// Reloading a plugins directory in a running engine: a changed, added, upgraded or removed folder takes effect in
/// a new snapshot; a caller holding the old one finishes on it; old code contexts unload once unused.
/// </summary>
public sealed class PluginReloadTests : IDisposable
{
    private const string FastT2v = "lightricks/ltx-2-fast/text-to-video";
    private const string FastPricing = "models/ltx-2-fast-text-to-video.pricing.json";
    private readonly TempDirectory plugins = new();
    private readonly ServiceProvider services;

    public PluginReloadTests()
    {
        // In process (an operator's opt-in), so the test can watch the old load context go.
        services = EngineFactory.Create(plugins.Path, limits: l => l.InProcessPlugins = ["videostudio.ltx2"]);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Path.Combine(plugins.Path, "Ltx2"));
    }

    public void Dispose()
    {
        services.Dispose();
        plugins.Dispose();
    }

    private PluginCatalogHolder Holder => services.GetRequiredService<PluginCatalogHolder>();

    private IVideoStudio Studio => services.GetRequiredService<IVideoStudio>();

    private static JsonObject Input() => new() { ["prompt"] = "a boat", ["duration"] = 6 };

    private void SetFastRate(decimal usd) =>
        PluginFolderFiles.EditJson(Path.Combine(plugins.Path, "Ltx2", FastPricing), p => p["rate"] = new JsonObject { ["usd"] = usd });

    [Fact]
    public async Task Reload_PricingChanged_NewRequestsGetNewPriceAndHeldSnapshotKeepsOld()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        PluginCatalog before = await Studio.SnapshotAsync(ct);
        SetFastRate(0.05m);

        PluginReloadReport report = await Holder.ReloadAsync(ct);

        report.Generation.ShouldBe(2);
        (await Studio.EstimateAsync(FastT2v, Input(), cancellationToken: ct)).Estimate!.TotalUsd.ShouldBe(0.05m);
        before.Registry.Find(FastT2v).Pricing.Rate.Flat!.Usd.ShouldBe(0.04m);
        (await services.GetRequiredService<Engine.Planning.InputPipeline>().ValidateAsync(before, before.Registry.Find(FastT2v), Input(), ct)).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task Reload_FolderAddedThenRemoved_ModelsServedThenGone()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Studio.SnapshotAsync(ct);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Hunyuan"), Path.Combine(plugins.Path, "Hunyuan"));

        PluginReloadReport added = await Holder.ReloadAsync(ct);
        (await Studio.SnapshotAsync(ct)).Registry.TryFind("wavespeed-ai/hunyuan-video-1.5/text-to-video").ShouldNotBeNull();
        Directory.Delete(Path.Combine(plugins.Path, "Hunyuan"), recursive: true);
        PluginReloadReport removed = await Holder.ReloadAsync(ct);

        added.Added.ShouldBe(["videostudio.hunyuan"]);
        removed.Removed.ShouldBe(["videostudio.hunyuan"]);
        Should.Throw<UnknownModelException>(async () => await Studio.ValidateAsync("wavespeed-ai/hunyuan-video-1.5/text-to-video", Input(), ct));
    }

    [Fact]
    public async Task FindVersion_AfterUpgrade_OldVersionDataStillFound()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Studio.SnapshotAsync(ct);
        PluginFolderFiles.EditJson(Path.Combine(plugins.Path, "Ltx2", "plugin.json"), m => m["version"] = "1.1.0");
        SetFastRate(0.05m);

        PluginReloadReport report = await Holder.ReloadAsync(ct);

        report.Changed.ShouldBe(["videostudio.ltx2"]);
        Holder.FindVersion(FastT2v, "1.0.0")!.Pricing.Rate.Flat!.Usd.ShouldBe(0.04m);
        Holder.FindVersion(FastT2v, "1.1.0")!.Pricing.Rate.Flat!.Usd.ShouldBe(0.05m);
        Holder.FindVersion(FastT2v, "0.9.0").ShouldBeNull();
    }

    [Fact]
    public async Task Reload_OldCodeContexts_UnloadedOnceNothingUsesThem()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        WeakReference oldContext = await LoadContextOfRuleAsync(ct);

        await Holder.ReloadAsync(ct);
        for (int i = 0; i < 20 && oldContext.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50, ct);
        }

        oldContext.IsAlive.ShouldBeFalse();
        (await LoadContextOfRuleAsync(ct)).IsAlive.ShouldBeTrue();
    }

    // Not inlined: no local of the caller may keep the old context's types reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> LoadContextOfRuleAsync(CancellationToken ct)
    {
        PluginCatalog catalog = await Studio.SnapshotAsync(ct);
        Type rule = catalog.CodeFor(catalog.Registry.Find("lightricks/ltx-2-retake")).Rules.ShouldHaveSingleItem().GetType();
        AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(rule.Assembly)!;
        context.ShouldNotBe(AssemblyLoadContext.Default);
        return new WeakReference(context);
    }
}

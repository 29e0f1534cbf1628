using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>The documented limits on plugin data files: each refusal names the file and the limit, and the host keeps serving.</summary>
public sealed class PluginLimitsTests : IDisposable
{
    private const string Schema = "models/ltx-2-fast-text-to-video.schema.json";
    private readonly TempDirectory plugins = new();

    public void Dispose() => plugins.Dispose();

    private string CopyBrokenLtx2()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Hunyuan"), Path.Combine(plugins.Path, "Hunyuan"));
        string target = Path.Combine(plugins.Path, "Broken");
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), target);
        return target;
    }

    private async Task<PluginInfo> DiscoverBrokenAsync(Action<PluginLimits>? limits = null)
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path, limits: limits);
        PluginCatalog catalog = await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
        catalog.Registry.Find("wavespeed-ai/hunyuan-video-1.5/text-to-video").ShouldNotBeNull();
        return catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == "Broken");
    }

    [Fact]
    public async Task Discover_Schema70LevelsDeep_QuarantinedNamingFileAndDepthLimit()
    {
        string broken = CopyBrokenLtx2();
        string path = Path.Combine(broken, Schema);
        string text = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).TrimEnd();
        await File.WriteAllTextAsync(path, text[..text.LastIndexOf('}')] + ",\"x-deep\":" + new string('[', 70) + new string(']', 70) + "}", TestContext.Current.CancellationToken);

        PluginInfo info = await DiscoverBrokenAsync();

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason.ShouldBe($"{Schema} nests deeper than the limit of 32 levels (VideoStudio:PluginLimits:MaxJsonDepth); the folder was not loaded.");
    }

    [Fact]
    public async Task Discover_Schema57Megabytes_RefusedBeforeReadingNamingSizeLimit()
    {
        string broken = CopyBrokenLtx2();
        await using (var stream = new FileStream(Path.Combine(broken, Schema), FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(57L * 1024 * 1024);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        PluginInfo info = await DiscoverBrokenAsync();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason!.ShouldStartWith($"{Schema} is 59,768,832 bytes, over the limit of 1,048,576 bytes");
        info.Reason.ShouldContain("it was not read");
        allocated.ShouldBeLessThan(57L * 1024 * 1024);
    }

    [Fact]
    public async Task Discover_MoreModelsThanTheLimit_QuarantinedNamingLimit()
    {
        CopyBrokenLtx2();

        PluginInfo info = await DiscoverBrokenAsync(l => l.MaxModelsPerPlugin = 4);

        info.Status.ShouldBe(PluginStatus.Quarantined);
        info.Reason.ShouldBe("plugin.json declares 5 models, over the limit of 4 per plugin (VideoStudio:PluginLimits:MaxModelsPerPlugin).");
    }

    [Fact]
    public void AddVideoStudio_DepthLimitAbove60_OptionsRefused()
    {
        using ServiceProvider services = EngineFactory.Create(plugins.Path, limits: l => l.MaxJsonDepth = 64);

        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<PluginFileGuard>());
    }
}

using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins.Corpus;

/// <summary>
/// The generated corpus of corrupted plugin folders: for every case the host starts, the broken folder is refused
/// (or, where the corruption happens to be harmless, loaded), and the healthy neighbour serves every model.
/// </summary>
public sealed class PluginCorpusTests
{
    private static readonly string[] LtxJson = Directory.GetFiles(Path.Combine(TestPaths.Plugins, "Ltx2"), "*.json", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Path.Combine(TestPaths.Plugins, "Ltx2"), f).Replace('\\', '/'))
        .Where(f => !f.EndsWith(".deps.json", StringComparison.Ordinal) && !f.EndsWith(".runtimeconfig.json", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public async Task Discover_EveryCorruptedFolder_HostStartsAndNeighbourServesAllModels()
    {
        PluginCorpus.Source = Path.Combine(TestPaths.Plugins, "Ltx2");
        CorruptionCase[] cases = PluginCorpus.For(LtxJson, "models/ltx-2-fast-text-to-video.schema.json", "models/ltx-2-fast-text-to-video.pricing.json").ToArray();
        await using ServiceProvider services = EngineFactory.Create();
        PluginDiscovery discovery = services.GetRequiredService<PluginDiscovery>();
        using var healthyTemplate = new TempDirectory();
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Hunyuan"), healthyTemplate.Path);
        string[] healthyModels = (await discovery.DiscoverAsync(TestPaths.Plugins, TestContext.Current.CancellationToken))
            .Plugins.Single(p => p.Id == "videostudio.hunyuan").ModelIds.ToArray();
        var failures = new List<string>();

        foreach (CorruptionCase corruption in cases)
        {
            using var plugins = new TempDirectory();
            PluginFolderFiles.CopyDirectory(healthyTemplate.Path, Path.Combine(plugins.Path, "Healthy"));
            string broken = Path.Combine(plugins.Path, "Broken");
            PluginFolderFiles.CopyDirectory(PluginCorpus.Source, broken);
            corruption.Apply(broken);
            try
            {
                PluginCatalog catalog = await discovery.DiscoverAsync(plugins.Path, TestContext.Current.CancellationToken);
                failures.AddRange(Check(corruption, catalog, healthyModels));
            }
            catch (Exception ex)
            {
                failures.Add($"{corruption}: discovery threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        cases.Length.ShouldBeGreaterThan(200);
        failures.ShouldBeEmpty();
    }

    private static IEnumerable<string> Check(CorruptionCase corruption, PluginCatalog catalog, string[] healthyModels)
    {
        PluginInfo healthy = catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == "Healthy");
        if (healthy.Status != PluginStatus.Active)
        {
            yield return $"{corruption}: the healthy neighbour is {healthy.Status}: {healthy.Reason}";
        }

        foreach (string id in healthyModels.Where(id => catalog.Registry.TryFind(id) is null))
        {
            yield return $"{corruption}: the healthy neighbour lost {id}";
        }

        PluginInfo broken = catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == "Broken");
        if (corruption.MustQuarantine && broken.Status != PluginStatus.Quarantined)
        {
            yield return $"{corruption}: not quarantined ({broken.Status})";
        }

        if (broken.Status == PluginStatus.Quarantined && string.IsNullOrWhiteSpace(broken.Reason))
        {
            yield return $"{corruption}: quarantined without a reason";
        }

        if (corruption.ReasonMentions is string text && broken.Status == PluginStatus.Quarantined && !broken.Reason!.Contains(text, StringComparison.Ordinal))
        {
            yield return $"{corruption}: the reason does not mention '{text}': {broken.Reason}";
        }
    }
}

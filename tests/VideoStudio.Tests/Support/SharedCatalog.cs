using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Tests.Support;

/// <summary>One engine over the built plugins folder, shared by the read-only catalog tests of a run.</summary>
public static class SharedCatalog
{
    private static readonly Lazy<ServiceProvider> Services = new(() => EngineFactory.Create());

    /// <summary>The engine.</summary>
    public static IVideoStudio Studio => Services.Value.GetRequiredService<IVideoStudio>();

    /// <summary>The discovered catalog.</summary>
    public static Task<PluginCatalog> GetAsync() => Studio.SnapshotAsync(TestContext.Current.CancellationToken);

    /// <summary>(plugin folder, model id) for every model every built plugin manifest declares, read without the engine.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> ManifestModels() =>
        Directory.GetDirectories(TestPaths.Plugins).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "plugin.json")))
            .SelectMany(d => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(d, "plugin.json")))!["models"]!.AsArray()
                .Select(m => new TheoryDataRow<string, string>(Path.GetFileName(d), m!["id"]!.GetValue<string>())));
}

using System.Text.Json;
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
/// The catalog cache against real plugin folders (copies of the built LTX-2 plugin) and a real cache directory: an
/// unchanged folder loads from it with the same models, a changed file of any kind is checked again in full (a
/// stale entry is never used), and a cache that cannot be written costs nothing but speed.
/// </summary>
public sealed class PluginValidationCacheTests : IDisposable
{
    private readonly TempDirectory plugins = new();
    private readonly TempDirectory cache = new();

    public void Dispose()
    {
        plugins.Dispose();
        cache.Dispose();
    }

    private string Folder => Path.Combine(plugins.Path, "Ltx2");

    // Data entries only: a plugin with code also gets a code entry once it activates (DeferredPluginCodeTests).
    private string[] Entries => Directory.Exists(cache.Path) ? Directory.GetFiles(cache.Path).Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith("code-", StringComparison.Ordinal)).ToArray() : [];

    private async Task<PluginCatalog> DiscoverAsync(string? cacheDirectory = null)
    {
        await using ServiceProvider services = EngineFactory.Create(plugins.Path, o => o.CatalogCacheDirectory = cacheDirectory ?? cache.Path);
        return await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken);
    }

    // Everything a model is made of, as data: what a load from the cache must reproduce exactly.
    private static string Describe(PluginCatalog catalog) => JsonSerializer.Serialize(
        catalog.Registry.Models.Select(m => new { m.Descriptor, m.Schema.Text, m.Schema.Fields, m.Pricing, m.Processing, m.Card, m.PluginVersion }),
        Json.Options);

    // The key the reader computes: manifest first, then each model's schema and pricing in manifest order.
    private static string KeyOf(string folder)
    {
        string manifestText = File.ReadAllText(Path.Combine(folder, "plugin.json"));
        var files = new List<(string, string)> { ("plugin.json", manifestText) };
        foreach (JsonNode? model in JsonNode.Parse(manifestText)!["models"]!.AsArray())
        {
            foreach (string file in new[] { model!["schema"]!.GetValue<string>(), model["pricing"]!.GetValue<string>() })
            {
                files.Add((file, File.ReadAllText(Path.Combine(folder, file))));
            }
        }

        return PluginValidationCache.KeyOf(files);
    }

    [Fact]
    public async Task Discover_UnchangedFolder_SecondLoadUsesTheEntryAndGivesTheSameModels()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);

        PluginCatalog checkedLoad = await DiscoverAsync();
        Entries.Select(Path.GetFileName).ShouldBe([KeyOf(Folder)]);
        PluginCatalog cachedLoad = await DiscoverAsync();

        cachedLoad.Plugins.Single().Status.ShouldBe(PluginStatus.Active);
        Describe(cachedLoad).ShouldBe(Describe(checkedLoad));
        Entries.Length.ShouldBe(1);
    }

    [Fact]
    public async Task Validate_ModelLoadedFromTheCache_ParsesItsSchemaOnFirstUseAndStillRefusesBadInput()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        await DiscoverAsync();

        await using ServiceProvider services = EngineFactory.Create(plugins.Path, o => o.CatalogCacheDirectory = cache.Path);
        IVideoStudio studio = services.GetRequiredService<IVideoStudio>();
        var good = await studio.ValidateAsync("lightricks/ltx-2-fast/text-to-video", new JsonObject { ["prompt"] = "a paper boat", ["duration"] = 6 }, TestContext.Current.CancellationToken);
        var bad = await studio.ValidateAsync("lightricks/ltx-2-fast/text-to-video", new JsonObject { ["prompt"] = "a paper boat", ["duration"] = 7 }, TestContext.Current.CancellationToken);

        good.Errors.ShouldBeEmpty();
        bad.Errors.ShouldContain(i => i.Path == "/duration");
    }

    [Fact]
    public async Task Discover_EntryForExactlyTheseBytes_SkipsTheDataChecks()
    {
        // Proof that the entry is what decides: data the meta-schema refuses loads when (and only when) an entry
        // names its exact bytes. Only a check that passed writes one, which the next test holds to.
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        PluginFolderFiles.EditJson(Path.Combine(Folder, "plugin.json"), m => m["x-unchecked"] = true);
        (await DiscoverAsync()).Plugins.Single().Status.ShouldBe(PluginStatus.Quarantined);
        Entries.ShouldBeEmpty();

        await File.WriteAllTextAsync(Path.Combine(cache.Path, KeyOf(Folder)), "planted\n", TestContext.Current.CancellationToken);

        (await DiscoverAsync()).Plugins.Single().Status.ShouldBe(PluginStatus.Active);
    }

    [Theory]
    [InlineData("plugin.json")]
    [InlineData("models/ltx-2-fast-text-to-video.schema.json")]
    [InlineData("models/ltx-2-fast-text-to-video.pricing.json")]
    public async Task Discover_FileChangedAfterItsEntryWasWritten_ChecksEverythingAgainAndQuarantines(string file)
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        (await DiscoverAsync()).Plugins.Single().Status.ShouldBe(PluginStatus.Active);
        Entries.Length.ShouldBe(1);

        // Still readable by the fast path, which ignores unknown keys; only the meta-schema refuses it.
        PluginFolderFiles.EditJson(Path.Combine(Folder, file), json => json["x-unchecked"] = true);
        PluginInfo plugin = (await DiscoverAsync()).Plugins.Single();

        plugin.Status.ShouldBe(PluginStatus.Quarantined);
        plugin.Reason.ShouldNotBeNull();
        plugin.Reason.ShouldContain($"{file} does not match");
        plugin.Reason.ShouldContain("'x-unchecked' is not allowed here");
        Entries.Length.ShouldBe(1);
    }

    [Fact]
    public async Task Discover_CacheDirectoryCannotBeCreated_LoadsWithEveryCheck()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Folder);
        string blocked = cache.File("a-file");
        await File.WriteAllTextAsync(blocked, "not a directory", TestContext.Current.CancellationToken);

        PluginCatalog catalog = await DiscoverAsync(Path.Combine(blocked, "catalog-cache"));

        catalog.Plugins.Single().Status.ShouldBe(PluginStatus.Active);
        catalog.Registry.Models.Count.ShouldBe(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "plugin.json"), TestContext.Current.CancellationToken))!["models"]!.AsArray().Count);
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>
/// The user's own plugins directory (<c>VideoStudioOptions.UserPluginsDirectory</c>): read after the shipped one,
/// never displacing a shipped model, and where <c>plugins install</c> writes.
/// </summary>
public sealed class UserPluginsDirectoryTests : IDisposable
{
    private readonly TempDirectory shipped = new();
    private readonly TempDirectory user = new();
    private readonly TempDirectory work = new();
    private readonly ServiceProvider services;

    public UserPluginsDirectoryTests()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Hunyuan"), Path.Combine(shipped.Path, "Hunyuan"));
        services = EngineFactory.Create(shipped.Path, o => o.UserPluginsDirectory = user.Path);
    }

    public void Dispose()
    {
        services.Dispose();
        shipped.Dispose();
        user.Dispose();
        work.Dispose();
    }

    private async Task<PluginCatalog> DiscoverAsync()
    {
        PluginCatalogHolder holder = services.GetRequiredService<PluginCatalogHolder>();
        await holder.ReloadAsync(TestContext.Current.CancellationToken);
        return await holder.GetAsync(TestContext.Current.CancellationToken);
    }

    private static string Copy(string family, string into, Action<JsonObject>? editManifest = null)
    {
        string target = Path.Combine(into, family);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, family), target);
        if (editManifest is not null)
        {
            PluginFolderFiles.EditJson(Path.Combine(target, "plugin.json"), editManifest);
        }

        return target;
    }

    [Fact]
    public async Task Discover_PluginInUserDirectory_ServedBesideShippedOnes()
    {
        Copy("Ltx2", user.Path);

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.Select(p => (p.Id, p.Status)).ShouldBe([("videostudio.hunyuan", PluginStatus.Active), ("videostudio.ltx2", PluginStatus.Active)], ignoreOrder: true);
        catalog.Registry.TryFind("lightricks/ltx-2-fast/text-to-video").ShouldNotBeNull();
    }

    [Fact]
    public async Task Discover_UserPluginClaimsShippedModel_UserOneRefusedEvenWhenOlder()
    {
        // Created before the shipped folder is read and recorded in its own directory: still second in line.
        Copy("Hunyuan", user.Path, m => m["id"] = "evil.hunyuan");

        PluginCatalog catalog = await DiscoverAsync();

        catalog.Plugins.Single(p => p.Id == "videostudio.hunyuan").Status.ShouldBe(PluginStatus.Active);
        PluginInfo refused = catalog.Plugins.Single(p => p.Id == "evil.hunyuan");
        refused.Status.ShouldBe(PluginStatus.Quarantined);
        refused.Reason.ShouldNotBeNull().ShouldContain("already provided by plugin 'videostudio.hunyuan'");
    }

    [Fact]
    public async Task InstallAsync_WithUserDirectory_WritesThereAndLeavesShippedDirectoryAlone()
    {
        string source = Copy("Ltx2", work.Path);

        PluginInstallResult result = await services.GetRequiredService<PluginInstaller>().InstallAsync(source, null, TestContext.Current.CancellationToken);

        Path.GetDirectoryName(result.Folder).ShouldBe(user.Path);
        Directory.GetDirectories(shipped.Path).Select(Path.GetFileName).ShouldBe(["Hunyuan"]);
        (await DiscoverAsync()).Registry.TryFind("lightricks/ltx-2-fast/text-to-video").ShouldNotBeNull();
    }

    [Fact]
    public async Task InstallAsync_PluginIdThatShips_RefusedNamingTheShippedFolder()
    {
        string source = Copy("Hunyuan", work.Path);

        PluginInstallException refused = await Should.ThrowAsync<PluginInstallException>(() => services.GetRequiredService<PluginInstaller>().InstallAsync(source, null, TestContext.Current.CancellationToken));

        refused.Message.ShouldContain("ships with VideoStudio");
        Directory.GetDirectories(user.Path).ShouldBeEmpty();
    }
}

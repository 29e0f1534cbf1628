using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>`plugins install` / `remove` on real folders and zips: checked first, swapped whole, upgrades in place.</summary>
public sealed class PluginInstallerTests : IDisposable
{
    private readonly TempDirectory plugins = new();
    private readonly TempDirectory work = new();
    private readonly ServiceProvider services;

    public PluginInstallerTests() => services = EngineFactory.Create(plugins.Path);

    public void Dispose()
    {
        services.Dispose();
        plugins.Dispose();
        work.Dispose();
    }

    private PluginInstaller Installer => services.GetRequiredService<PluginInstaller>();

    private string HunyuanCopy(string name = "src")
    {
        string folder = Path.Combine(work.Path, name);
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Hunyuan"), folder);
        return folder;
    }

    private string Zip(string folder)
    {
        string zip = Path.Combine(work.Path, Path.GetFileName(folder) + ".zip");
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }

    private string RecordPath() => PluginInstallRecord.PathFor(plugins.Path, EngineFactory.PluginStateDirectory);

    private async Task<PluginCatalog> DiscoverAsync() =>
        await services.GetRequiredService<PluginDiscovery>().DiscoverAsync(plugins.Path, TestContext.Current.CancellationToken);

    [Fact]
    public async Task InstallAsync_ZipWithMatchingHash_InstalledRecordedAndServed()
    {
        string zip = Zip(HunyuanCopy());
        string hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(zip, TestContext.Current.CancellationToken)));

        PluginInstallResult result = await Installer.InstallAsync(zip, hash, TestContext.Current.CancellationToken);

        result.Plugin.Id.ShouldBe("videostudio.hunyuan");
        result.Replaced.ShouldBeNull();
        Path.GetFileName(result.Folder).ShouldBe("videostudio.hunyuan");
        (await File.ReadAllTextAsync(RecordPath(), TestContext.Current.CancellationToken)).ShouldContain("videostudio.hunyuan");
        File.Exists(Path.Combine(plugins.Path, PluginInstallRecord.FileName)).ShouldBeFalse();
        (await DiscoverAsync()).Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Active);
        Directory.GetDirectories(plugins.Path).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task InstallAsync_ZipWithWrongHash_RefusedAndNothingInstalled()
    {
        string zip = Zip(HunyuanCopy());

        PluginInstallException refused = await Should.ThrowAsync<PluginInstallException>(() => Installer.InstallAsync(zip, new string('0', 64), TestContext.Current.CancellationToken));

        refused.Message.ShouldContain("the file was not installed");
        Directory.GetDirectories(plugins.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task InstallAsync_BrokenFolder_RefusedWithTheQuarantineReason()
    {
        string folder = HunyuanCopy();
        await File.WriteAllTextAsync(Path.Combine(folder, "plugin.json"), "{ not json", TestContext.Current.CancellationToken);

        PluginInstallException refused = await Should.ThrowAsync<PluginInstallException>(() => Installer.InstallAsync(folder, null, TestContext.Current.CancellationToken));

        refused.Message.ShouldContain("Quarantined: plugin.json is not valid JSON");
        Directory.GetDirectories(plugins.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task InstallAsync_NewVersionOfInstalledId_ReplacesThatFolderInPlace()
    {
        await Installer.InstallAsync(HunyuanCopy("v1"), null, TestContext.Current.CancellationToken);
        string v2 = HunyuanCopy("v2");
        PluginFolderFiles.EditJson(Path.Combine(v2, "plugin.json"), m => m["version"] = "2.0.0");

        PluginInstallResult result = await Installer.InstallAsync(v2, null, TestContext.Current.CancellationToken);

        result.Replaced.ShouldBe("1.0.0");
        PluginInfo plugin = (await DiscoverAsync()).Plugins.ShouldHaveSingleItem();
        plugin.Version.ShouldBe("2.0.0");
        plugin.Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task Remove_InstalledId_FolderGoneAndUnknownIdRefused()
    {
        await Installer.InstallAsync(HunyuanCopy(), null, TestContext.Current.CancellationToken);

        Installer.Remove("videostudio.hunyuan");

        (await DiscoverAsync()).Plugins.ShouldBeEmpty();
        Should.Throw<PluginInstallException>(() => Installer.Remove("videostudio.hunyuan")).Message.ShouldContain("no folder");
    }
}

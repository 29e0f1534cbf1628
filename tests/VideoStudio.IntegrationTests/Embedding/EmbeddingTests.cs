using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Contracts;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Providers;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Embedding;

/// <summary>
/// An app that embeds the engine with AddVideoStudio() and nothing else: it runs offline on the embedded simulator,
/// and what it cannot run with is said when the host starts, naming the folder and the setting.
/// </summary>
public sealed class EmbeddingTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    private static void SkipWhenAKeyIsSet() =>
        Assert.SkipWhen(Environment.GetEnvironmentVariable("WAVESPEED_API_KEY") is { Length: > 0 }, "WAVESPEED_API_KEY is set: this test runs without a key.");

    [Fact]
    [Trait("Category", "Slow")]
    public async Task AddVideoStudio_NoSettingsNoKey_CompletesAJobOnTheEmbeddedSimulator()
    {
        SkipWhenAKeyIsSet();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using EmbeddedHost app = EmbeddedHost.Build();
        await app.StartAsync(timeout.Token);
        IVideoStudio studio = app.Services.GetRequiredService<IVideoStudio>();
        IVideoJobs jobs = app.Services.GetRequiredService<IVideoJobs>();

        VideoStudioProviderStatus status = studio.GetProviderStatus();
        JobView job = await jobs.SubmitAsync(new VideoRequest(Model, new JsonObject { ["prompt"] = "a paper boat", ["duration"] = 6 }), cancellationToken: timeout.Token);
        job = await jobs.WaitAsync(job.Id, job.Owner, timeout.Token);

        status.Provider.ShouldBe("embedded-simulator");
        status.Ready.ShouldBeTrue();
        status.BaseUrl!.Host.ShouldBe("127.0.0.1");
        // Each job records the account its tasks went to: the simulator's address, not the one before it started.
        app.Services.GetRequiredService<IVideoProvider>().Metadata.Account.ShouldBe(status.BaseUrl.ToString().TrimEnd('/'));
        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        File.Exists(job.Outputs.Single().LocalPath).ShouldBeTrue();
        job.Outputs.Single().LocalPath.ShouldStartWith(Path.Combine(app.DataDirectory, "embedded-simulator") + Path.DirectorySeparatorChar, Case.Sensitive, "simulated jobs live apart from real ones");
        app.Log.Lines.Where(l => l.Contains("using the embedded WaveSpeed simulator", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("nothing is billed");
    }

    [Fact]
    public async Task HostStart_PluginsDirectoryMissing_FailsNamingTheFolderAndTheSetting()
    {
        string missing = Path.Combine(Path.GetTempPath(), "videostudio-no-plugins-" + Guid.NewGuid().ToString("N"));
        await using EmbeddedHost app = EmbeddedHost.Build(new Dictionary<string, string?> { ["VideoStudio:PluginsDirectory"] = missing });

        VideoStudioStartupException ex = await Should.ThrowAsync<VideoStudioStartupException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        ex.Message.ShouldContain(missing);
        ex.Message.ShouldContain("VideoStudio:PluginsDirectory");
        ex.Message.ShouldNotContain("videostudio ");
    }

    [Fact]
    public async Task HostStart_PluginsDirectoryEmpty_FailsNamingTheFolder()
    {
        string empty = Directory.CreateTempSubdirectory("videostudio-empty-plugins-").FullName;
        try
        {
            await using EmbeddedHost app = EmbeddedHost.Build(new Dictionary<string, string?> { ["VideoStudio:PluginsDirectory"] = empty });

            VideoStudioStartupException ex = await Should.ThrowAsync<VideoStudioStartupException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            ex.Message.ShouldContain(empty);
            ex.Message.ShouldContain("holds no plugin");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task HostStart_JobStoreFolderCannotBeCreated_FailsNamingTheFolderAndTheSetting()
    {
        // A file where a folder must be: no user (root included) can create the data directory under it.
        string file = Path.GetTempFileName();
        string data = Path.Combine(file, "data");
        try
        {
            await using EmbeddedHost app = EmbeddedHost.Build(new Dictionary<string, string?> { ["VideoStudio:Jobs:DataDirectory"] = data }, s => s.UseWaveSpeed("test-key"));

            OptionsValidationException ex = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            ex.Message.ShouldContain("The job store cannot be opened");
            ex.Message.ShouldContain(data);
            ex.Message.ShouldContain("VideoStudio:Jobs:DataDirectory");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UseWaveSpeed_WithKey_ChoosesTheRealApiAndStartsNoSimulator()
    {
        await using EmbeddedHost app = EmbeddedHost.Build(configure: s => s.UseWaveSpeed("test-key"));

        VideoStudioProviderStatus status = app.Services.GetRequiredService<IVideoStudio>().GetProviderStatus();

        status.Provider.ShouldBe("wavespeed");
        status.Ready.ShouldBeTrue();
        app.Services.GetRequiredService<EmbeddedProvider>().BaseUrl.ShouldBeNull();
        app.Services.GetRequiredService<IOptions<JobOptions>>().Value.DataDirectory.ShouldBe(app.DataDirectory);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task UseSimulator_WithAKeyConfigured_RunsOnTheSimulatorAnyway()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using EmbeddedHost app = EmbeddedHost.Build(new Dictionary<string, string?> { ["WaveSpeed:ApiKey"] = "a-real-looking-key" }, s => s.UseSimulator());
        await app.StartAsync(timeout.Token);

        VideoStudioProviderStatus status = app.Services.GetRequiredService<IVideoStudio>().GetProviderStatus();

        status.Provider.ShouldBe("embedded-simulator");
        status.Ready.ShouldBeTrue();
        app.Services.GetRequiredService<IOptions<JobOptions>>().Value.DataDirectory.ShouldBe(Path.Combine(app.DataDirectory, "embedded-simulator"));
    }

    [Fact]
    public async Task DefaultDataDirectory_NoSetting_IsNamedAfterTheApp()
    {
        var services = new ServiceCollection().AddVideoStudio().UseWaveSpeed("test-key");
        await using ServiceProvider provider = services.BuildServiceProvider();

        string data = provider.GetRequiredService<IOptions<JobOptions>>().Value.DataDirectory;

        string entry = System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name!;
        data.ShouldEndWith(Path.Combine("VideoStudio", "apps", entry));
        data.ShouldNotBe(JobOptions.DefaultDataDirectory());
    }

    [Fact]
    public async Task HostStart_PluginsFolderItWasOnlyAskedToRead_InstallRecordGoesToTheDataDirectory()
    {
        // A copy without the built-in list: every folder is a newcomer the scan records.
        string plugins = Directory.CreateTempSubdirectory("videostudio-read-only-plugins-").FullName;
        try
        {
            VideoStudio.TestSupport.PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), plugins);
            File.Delete(Path.Combine(plugins, "builtin-plugins.txt"));
            await using EmbeddedHost app = EmbeddedHost.Build(new Dictionary<string, string?> { ["VideoStudio:PluginsDirectory"] = plugins }, s => s.UseWaveSpeed("test-key"));

            await app.StartAsync(TestContext.Current.CancellationToken);

            File.Exists(Path.Combine(plugins, ".install-record.json")).ShouldBeFalse();
            Directory.GetFiles(plugins).ShouldBeEmpty();
            string record = Directory.GetFiles(Path.Combine(app.DataDirectory, "plugin-install-records")).ShouldHaveSingleItem();
            (await File.ReadAllTextAsync(record, TestContext.Current.CancellationToken)).ShouldContain("videostudio.ltx2");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }
}

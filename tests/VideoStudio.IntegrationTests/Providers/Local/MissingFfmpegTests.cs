using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;
using VideoStudio.IntegrationTests.Crash;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>A host without FFmpeg: the local models are unavailable with the reason, nothing is created, and uploads and reads still answer.</summary>
public sealed class MissingFfmpegTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("local-missing-").FullName;

    [Fact]
    public async Task SubmitAsync_FfmpegPathDoesNotExist_RefusedWithTheReasonAndNothingCreated()
    {
        using var provider = new LocalOperationsProvider(
            new LocalOperationsOptions { WorkDirectory = directory, FfmpegPath = Path.Combine(directory, "no-such-ffmpeg") }, TimeProvider.System);
        string input = Path.Combine(directory, "in.mp4");
        await File.WriteAllBytesAsync(input, [0, 0, 0, 24], TestContext.Current.CancellationToken);
        Uri video = await provider.UploadAsync(input, null, TestContext.Current.CancellationToken);

        string? reason = await provider.UnavailableReasonAsync(TestContext.Current.CancellationToken);
        var error = await Should.ThrowAsync<ProviderException>(() =>
            provider.SubmitAsync("videostudio/edit/trim", new JsonObject { ["video"] = video.AbsoluteUri }, null, TestContext.Current.CancellationToken));

        reason.ShouldNotBeNull().ShouldContain("FFmpeg is not available");
        reason.ShouldContain("FfmpegPath");
        error.Kind.ShouldBe(ProviderErrorKind.ProviderFailure);
        error.NothingCreated.ShouldBeTrue();
        error.Message.ShouldBe(reason);
        (await provider.ListTasksAsync(new ProviderTaskQuery(null, null, null), TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetCatalogAsync_FfmpegMissing_EditPluginDegradedWithTheReasonOthersActive()
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.CatalogCacheDirectory = Path.Combine(directory, "cache"));
        services.Configure<LocalOperationsOptions>(o =>
        {
            o.WorkDirectory = Path.Combine(directory, "work");
            o.FfmpegPath = Path.Combine(directory, "no-such-ffmpeg");
        });
        await using ServiceProvider container = services.BuildServiceProvider();

        CatalogView catalog = await container.GetRequiredService<IVideoStudio>().GetCatalogAsync(TestContext.Current.CancellationToken);

        PluginInfo edit = catalog.Plugins.Single(p => p.Id == "videostudio.edit");
        edit.Status.ShouldBe(PluginStatus.Degraded);
        edit.Reason.ShouldNotBeNull().ShouldContain("FFmpeg is not available");
        catalog.Plugins.Where(p => p.Id != "videostudio.edit").ShouldAllBe(p => p.Status != PluginStatus.Degraded);
        PluginInfo trim = catalog.StatusOf(catalog.Registry.Find("videostudio/edit/trim"));
        trim.Status.ShouldBe(PluginStatus.Degraded, "a model's own page shows it cannot run (it said Active)");
        trim.Reason.ShouldBe(edit.Reason);
        catalog.StatusOf(catalog.Registry.Find("wavespeed-ai/flashvsr")).Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task GetCatalogAsync_FfmpegPathInTheConfigurationGivenToAddVideoStudio_Honoured()
    {
        // The CLI hands its environment to AddVideoStudio and registers no IConfiguration: the setting the reason
        // names must still be read (it was not: the plugin stayed Active and the path was ignored).
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["VideoStudio:LocalOperations:FfmpegPath"] = Path.Combine(directory, "no-such-ffmpeg") })
            .Build();
        var services = new ServiceCollection();
        services.AddVideoStudio(configuration, o => o.CatalogCacheDirectory = Path.Combine(directory, "cache"));
        services.Configure<LocalOperationsOptions>(o => o.WorkDirectory = Path.Combine(directory, "work"));
        await using ServiceProvider container = services.BuildServiceProvider();

        CatalogView catalog = await container.GetRequiredService<IVideoStudio>().GetCatalogAsync(TestContext.Current.CancellationToken);

        PluginInfo edit = catalog.Plugins.Single(p => p.Id == "videostudio.edit");
        edit.Status.ShouldBe(PluginStatus.Degraded);
        edit.Reason.ShouldNotBeNull().ShouldContain("no-such-ffmpeg");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task CliPlugins_FfmpegPathSetInTheEnvironment_EditDegradedWithTheReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using ChildProcess cli = ChildProcess.Start(
            ["--data-dir", Path.Combine(directory, "data"), "plugins"],
            new Dictionary<string, string> { ["VideoStudio__LocalOperations__FfmpegPath"] = Path.Combine(directory, "no-such-ffmpeg") });

        (await cli.WaitForExitAsync(timeout.Token)).ShouldBe(0, cli.StandardError);

        string row = cli.StandardOutput.Split('\n').Single(l => l.Contains("videostudio.edit ", StringComparison.Ordinal));
        row.ShouldContain("Degraded");
        row.ShouldContain("FFmpeg is not available");
        cli.StandardOutput.Split('\n').Where(l => l.Contains("videostudio.", StringComparison.Ordinal) && !l.Contains("videostudio.edit ", StringComparison.Ordinal))
            .ShouldAllBe(l => l.Contains("Active"), "nothing else changes");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task CliModelsShow_FfmpegMissing_ModelSaysItsPluginIsDegradedAndWhy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using ChildProcess cli = ChildProcess.Start(
            ["--data-dir", Path.Combine(directory, "data"), "models", "show", "videostudio/edit/trim", "--json"],
            new Dictionary<string, string> { ["VideoStudio__LocalOperations__FfmpegPath"] = Path.Combine(directory, "no-such-ffmpeg") });

        (await cli.WaitForExitAsync(timeout.Token)).ShouldBe(0, cli.StandardError);

        JsonNode detail = JsonNode.Parse(cli.StandardOutput)!;
        detail["pluginStatus"]!.GetValue<string>().ShouldBe("Degraded");
        detail["pluginReason"]!.GetValue<string>().ShouldContain("FFmpeg is not available");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task CliModels_FfmpegMissing_ListSaysTheEditModelsAreDegraded()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using ChildProcess cli = ChildProcess.Start(
            ["--data-dir", Path.Combine(directory, "data"), "models"],
            new Dictionary<string, string> { ["VideoStudio__LocalOperations__FfmpegPath"] = Path.Combine(directory, "no-such-ffmpeg"), ["COLUMNS"] = "240" });

        (await cli.WaitForExitAsync(timeout.Token)).ShouldBe(0, cli.StandardError);

        string[] lines = cli.StandardOutput.Split('\n');
        lines.Single(l => l.Contains("videostudio/edit/trim ", StringComparison.Ordinal)).ShouldContain("Degraded");
        lines.Single(l => l.Contains("videostudio/edit/", StringComparison.Ordinal) is false && l.StartsWith("videostudio.edit is Degraded:", StringComparison.Ordinal))
            .ShouldContain("FFmpeg is not available");
        lines.Where(l => l.Contains("lightricks/", StringComparison.Ordinal)).ShouldAllBe(l => !l.Contains("Degraded"), "nothing else changes");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

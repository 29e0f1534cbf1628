using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;

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
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

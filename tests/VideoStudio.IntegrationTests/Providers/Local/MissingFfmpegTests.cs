using System.Text.Json.Nodes;
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

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

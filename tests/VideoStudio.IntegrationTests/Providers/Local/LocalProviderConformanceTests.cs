using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// The local operations adapter passes the same provider conformance tests as WaveSpeed's, with real FFmpeg on a
/// real folder. What it does not offer (quotes, a live catalogue, webhooks, credentials) is skipped.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LocalProviderConformanceTests : VideoProviderConformanceTests
{
    protected override async Task<ProviderUnderTest> CreateAsync(bool validKey, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("local-conformance-").FullName;
        var provider = new LocalOperationsProvider(new LocalOperationsOptions { WorkDirectory = directory }, TimeProvider.System);
        string sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4");
        string video = (await provider.UploadAsync(sample, null, cancellationToken)).AbsoluteUri;
        return new ProviderUnderTest(
            provider,
            "videostudio/edit/poster",
            () => new JsonObject { ["video"] = video, ["at_seconds"] = 1, ["format"] = "jpeg" },
            () => new JsonObject { ["video"] = video, ["at_seconds"] = -5 },
            sample,
            "no-credentials-local",
            () =>
            {
                provider.Dispose();
                Directory.Delete(directory, recursive: true);
                return ValueTask.CompletedTask;
            })
        {
            HasCredentials = false,
        };
    }
}

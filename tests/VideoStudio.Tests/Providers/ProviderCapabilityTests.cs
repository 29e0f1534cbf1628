using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Tests.Providers;

/// <summary>
/// The narrow seam: quotes, charges, a live catalogue and webhooks are optional capabilities reached through
/// GetService, and a decorator passes on exactly the capabilities the adapter has.
/// </summary>
public sealed class ProviderCapabilityTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void GetService_InstrumentedProviderOverAdapterWithoutCapabilities_OffersNone()
    {
        IVideoProvider traced = Instrument(new SubmitOnlyProvider());

        traced.GetService<IProviderQuotes>().ShouldBeNull();
        traced.GetService<IProviderCharges>().ShouldBeNull();
        traced.GetService<IProviderCatalog>().ShouldBeNull();
        traced.GetService<IProviderWebhooks>().ShouldBeNull();
    }

    [Fact]
    public async Task GetService_InstrumentedProviderOverQuotingAdapter_QuoteReachesTheAdapter()
    {
        IVideoProvider traced = Instrument(new QuotingProvider(0.40m));

        IProviderQuotes quotes = traced.GetService<IProviderQuotes>().ShouldNotBeNull();
        (await quotes.QuoteAsync("m/x", [], TestContext.Current.CancellationToken)).ShouldBe(0.40m);
        traced.GetService<IProviderCharges>().ShouldBeNull();
    }

    public void Dispose() => services.Dispose();

    private InstrumentedVideoProvider Instrument(IVideoProvider inner) =>
        new(inner, new VideoStudioMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System);

    private class SubmitOnlyProvider : IVideoProvider
    {
        public VideoProviderMetadata Metadata { get; } = new("test", "account");

        public Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private sealed class QuotingProvider(decimal price) : SubmitOnlyProvider, IProviderQuotes
    {
        public Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken) => Task.FromResult<decimal?>(price);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.TestSupport;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>The real DI registration pointed at a loopback server, with fast delays and a capturing logger.</summary>
internal sealed class WaveSpeedTestClient : IDisposable
{
    public const string ApiKey = "wsk-test-SECRET-7f3a9c1e";

    private readonly ServiceProvider services;

    private WaveSpeedTestClient(ServiceProvider services, CapturingLoggerProvider logs)
    {
        this.services = services;
        Logs = logs;
        Client = services.GetRequiredService<IVideoProvider>();
    }

    public IVideoProvider Client { get; }

    /// <summary>The client's optional capabilities, as the engine reaches them (through GetService).</summary>
    public IProviderCharges Charges => Client.GetService<IProviderCharges>()!;

    public IProviderQuotes Quotes => Client.GetService<IProviderQuotes>()!;

    public IProviderCatalog Catalog => Client.GetService<IProviderCatalog>()!;

    public CapturingLoggerProvider Logs { get; }

    public static WaveSpeedTestClient Create(Uri baseUrl, Action<WaveSpeedOptions>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        collection.Configure<EgressOptions>(o => o.AllowPrivateNetworks = true); // the test file servers are on loopback
        collection.AddWaveSpeedProvider(options =>
        {
            options.BaseUrl = baseUrl;
            options.ApiKey = ApiKey;
            options.SubmitTimeout = TimeSpan.FromSeconds(5);
            options.SubmitConnectRetryDelay = TimeSpan.FromMilliseconds(10);
            options.PollRetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.PollAttemptTimeout = TimeSpan.FromSeconds(5);
            options.PollTotalTimeout = TimeSpan.FromSeconds(20);
            options.MaxRetryAfter = TimeSpan.FromSeconds(2);
            options.DownloadRetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        return new WaveSpeedTestClient(collection.BuildServiceProvider(), logs);
    }

    public void Dispose() => services.Dispose();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Tests.Hosting;

/// <summary>
/// The embedded provider is the one offline path (a host app's and the CLI's): started only when the jobs run on it,
/// serving both plugins directories, fetching loopback media only when the host allows it, its charges asked soon.
/// </summary>
public sealed class EmbeddedProviderTests
{
    private static readonly string Plugins = Path.Combine(Path.GetTempPath(), "videostudio-embedded-test-plugins");
    private static readonly string UserPlugins = Path.Combine(Path.GetTempPath(), "videostudio-embedded-test-user-plugins");
    private static readonly string Data = Path.Combine(Path.GetTempPath(), "videostudio-embedded-test-data");

    private static void SkipWhenAKeyIsSet() =>
        Assert.SkipWhen(Environment.GetEnvironmentVariable("WAVESPEED_API_KEY") is { Length: > 0 }, "WAVESPEED_API_KEY is set: this test runs without a key.");

    private static ServiceProvider Build(RecordingFactory factory, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = Plugins;
            o.UserPluginsDirectory = UserPlugins;
        });
        services.Configure<VideoStudioHostingOptions>(o => o.CheckAtStart = false);
        services.Configure<JobOptions>(o => o.DataDirectory = Data);
        services.AddSingleton<IEmbeddedProviderFactory>(factory);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task StartAsync_NoKey_StartsTheProviderOnBothPluginsDirectoriesWithoutLoopbackMedia()
    {
        SkipWhenAKeyIsSet();
        var factory = new RecordingFactory();
        await using ServiceProvider services = Build(factory);

        await services.GetRequiredService<EmbeddedProvider>().StartAsync(TestContext.Current.CancellationToken);

        EmbeddedProviderRequest request = factory.Requests.ShouldHaveSingleItem();
        request.PluginsDirectory.ShouldBe(Plugins);
        request.UserPluginsDirectory.ShouldBe(UserPlugins);
        request.FetchLoopbackMedia.ShouldBeFalse("an app may face callers");
        services.GetRequiredService<EmbeddedProvider>().BaseUrl.ShouldBe(RecordingFactory.Url);
    }

    [Fact]
    public async Task StartAsync_HostAllowsLoopbackMedia_TheProviderIsToldSo()
    {
        SkipWhenAKeyIsSet();
        var factory = new RecordingFactory();
        await using ServiceProvider services = Build(factory, s => s.Configure<VideoStudioHostingOptions>(o => o.SimulatorFetchLoopbackMedia = true));

        await services.GetRequiredService<EmbeddedProvider>().StartAsync(TestContext.Current.CancellationToken);

        factory.Requests.ShouldHaveSingleItem().FetchLoopbackMedia.ShouldBeTrue();
    }

    [Fact]
    public async Task StartAsync_RealApiChosen_StartsNothing()
    {
        var factory = new RecordingFactory();
        await using ServiceProvider services = Build(factory, s => s.UseWaveSpeed("test-key"));

        await services.GetRequiredService<EmbeddedProvider>().StartAsync(TestContext.Current.CancellationToken);

        factory.Requests.ShouldBeEmpty();
        services.GetRequiredService<EmbeddedProvider>().BaseUrl.ShouldBeNull();
    }

    [Fact]
    public async Task JobOptions_EmbeddedChosen_ChargesAskedWithinASecondAndJobsKeptApart()
    {
        SkipWhenAKeyIsSet();
        await using ServiceProvider services = Build(new RecordingFactory());

        JobOptions jobs = services.GetRequiredService<IOptions<JobOptions>>().Value;

        jobs.ChargeLookupSchedule[0].ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        jobs.DataDirectory.ShouldBe(Path.Combine(Data, "embedded-simulator"));
        jobs.AbandonJobsOfOtherProviders.ShouldBeTrue();
    }

    /// <summary>Records what the engine asks for and "starts" a provider at an address where nothing listens.</summary>
    private sealed class RecordingFactory : IEmbeddedProviderFactory
    {
        public static readonly Uri Url = new("http://127.0.0.1:9/");

        public List<EmbeddedProviderRequest> Requests { get; } = [];

        public Task<IEmbeddedProviderServer> StartAsync(EmbeddedProviderRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult<IEmbeddedProviderServer>(new Running());
        }

        private sealed class Running : IEmbeddedProviderServer
        {
            public Uri BaseUrl => Url;

            public string Description => "a test double";

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

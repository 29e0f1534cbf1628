using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Providers;

/// <summary>The WaveSpeed adapter, as a host registers it (<c>AddWaveSpeedProvider</c>), passes the provider conformance tests against the simulator on 127.0.0.1.</summary>
public sealed class WaveSpeedProviderConformanceTests : VideoProviderConformanceTests
{
    private const string Key = "wsk-conformance-SECRET-41c9";

    protected override async Task<ProviderUnderTest> CreateAsync(bool validKey, CancellationToken cancellationToken)
    {
        SimulatorServer simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { ApiKey = Key, FixedLatency = TimeSpan.FromMilliseconds(300), BillingDelay = TimeSpan.FromMilliseconds(200) }, cancellationToken);
        string key = validKey ? Key : "wsk-refused-SECRET-0000";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWaveSpeedProvider(o =>
        {
            o.BaseUrl = new Uri(simulator.BaseUrl + "/");
            o.ApiKey = key;
        });
        ServiceProvider container = services.BuildServiceProvider();
        return new ProviderUnderTest(
            container.GetRequiredService<IVideoProvider>(),
            "lightricks/ltx-2-fast/text-to-video",
            () => new JsonObject { ["prompt"] = "a paper boat on a pond", ["duration"] = 6 },
            () => new JsonObject { ["duration"] = 6 },
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"),
            key,
            async () =>
            {
                await container.DisposeAsync();
                await simulator.DisposeAsync();
            });
    }
}

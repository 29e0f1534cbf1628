using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Simulator;

/// <summary>
/// Points an engine (registered with <c>AddVideoStudio</c>) at a running simulator: one place for what the CLI's
/// embedded default, the tests and the load harnesses all need.
/// </summary>
public static class SimulatorEngineConnection
{
    /// <summary>
    /// Sends the engine's WaveSpeed calls to <paramref name="simulator"/> with its key, trusts its webhook secret, and
    /// scales the job timing (first poll, backoff, deadline) by the simulator's latency scale so polls match its clock.
    /// </summary>
    public static IServiceCollection UseSimulator(this IServiceCollection services, SimulatorServer simulator)
    {
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.BaseUrl = new Uri(simulator.BaseUrl);
            o.ApiKey = simulator.Options.ApiKey;
        });
        services.Configure<JobOptions>(o =>
        {
            o.WebhookSecret = simulator.WebhookSecret;
            if (simulator.Options.FixedLatency is null)
            {
                o.ProcessingTimeScale = simulator.Options.LatencyScale;
            }
        });
        return services;
    }
}

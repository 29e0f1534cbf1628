using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Simulator;

/// <summary>
/// Points an engine (registered with <c>AddVideoStudio</c>) at a simulator started apart from it: what the tests and
/// the load harnesses need. The engine's own offline default (no key, or <c>UseSimulator()</c>) is <see cref="EmbeddedSimulatorFactory"/>.
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

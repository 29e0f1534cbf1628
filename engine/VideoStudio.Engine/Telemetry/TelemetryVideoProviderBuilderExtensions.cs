using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Telemetry;

/// <summary>Adds telemetry to a provider pipeline.</summary>
public static class TelemetryVideoProviderBuilderExtensions
{
    /// <summary>Adds <see cref="InstrumentedVideoProvider"/>: a span and a duration per call, and the provider counters.</summary>
    public static VideoProviderBuilder UseTelemetry(this VideoProviderBuilder builder) =>
        builder.Use((inner, services) => new InstrumentedVideoProvider(inner, services.GetRequiredService<VideoStudioMetrics>(), services.GetRequiredService<TimeProvider>()));
}

using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Hosting;

/// <summary>Makes the provider choice explicit after <c>AddVideoStudio</c> (the simulator package adds <c>UseSimulator()</c>).</summary>
public static class ProviderSelectionExtensions
{
    /// <summary>Jobs go to the real WaveSpeed API with <paramref name="apiKey"/>; nothing is simulated.</summary>
    public static IServiceCollection UseWaveSpeed(this IServiceCollection services, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        services.Configure<VideoStudioHostingOptions>(o => o.Provider = ProviderChoice.WaveSpeed);
        services.Configure<WaveSpeedOptions>(o => o.ApiKey = apiKey);
        return services;
    }
}

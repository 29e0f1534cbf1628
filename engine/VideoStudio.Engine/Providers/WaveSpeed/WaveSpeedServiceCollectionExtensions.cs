using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Registers the WaveSpeed adapter: options, the four named clients, <see cref="WaveSpeedClient"/> and the egress trust of its host.</summary>
public static class WaveSpeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds the transport. The host binds <see cref="WaveSpeedOptions"/> (section <see cref="WaveSpeedOptions.SectionName"/>)
    /// and fills the API key, e.g. from <c>WAVESPEED_API_KEY</c>; <paramref name="configure"/> runs after that.
    /// </summary>
    public static IServiceCollection AddWaveSpeedTransport(this IServiceCollection services, Action<WaveSpeedOptions>? configure = null)
    {
        OptionsBuilder<WaveSpeedOptions> options = services.AddOptions<WaveSpeedOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WaveSpeedOptions>, WaveSpeedOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WaveSpeedWebhookVerifier>();
        services.TryAddSingleton<WaveSpeedClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEgressTrustedHost, WaveSpeedEgressTrust>());

        // No resilience handler on purpose: a paid submit is sent at most once (§8).
        services.AddHttpClient(WaveSpeedHttpClientNames.Submit)
            .ConfigureHttpClient((sp, client) => client.Timeout = Current(sp).SubmitTimeout);

        // The pipeline owns the timeouts; HttpClient.Timeout must not cut across them (dotnet/extensions#4770).
        services.AddHttpClient(WaveSpeedHttpClientNames.Poll)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("wavespeed-poll", (builder, context) =>
                WaveSpeedResilience.Configure(builder, Current(context.ServiceProvider), context.ServiceProvider.GetRequiredService<TimeProvider>()));

        services.AddHttpClient(WaveSpeedHttpClientNames.Upload)
            .ConfigureHttpClient((sp, client) => client.Timeout = Current(sp).UploadTimeout);

        // Third-party hosts with signed URLs: no Authorization is ever added, and the default request logging is removed.
        // They are also the provider's choice of host, so every connection goes through the egress policy.
        services.AddHttpClient(WaveSpeedHttpClientNames.Transfer)
            .RemoveAllLoggers()
            .AddEgressPolicy();
        return services;
    }

    /// <summary>Adds the transport and registers <see cref="WaveSpeedClient"/> as the <see cref="IVideoProvider"/>; decorate it with the returned builder.</summary>
    public static VideoProviderBuilder AddWaveSpeedProvider(this IServiceCollection services, Action<WaveSpeedOptions>? configure = null) =>
        services.AddWaveSpeedTransport(configure).AddVideoProvider(sp => sp.GetRequiredService<WaveSpeedClient>());

    private static WaveSpeedOptions Current(IServiceProvider services) => services.GetRequiredService<IOptionsMonitor<WaveSpeedOptions>>().CurrentValue;
}

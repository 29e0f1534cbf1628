using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Egress;

/// <summary>Registers the egress policy and puts it under every client that fetches caller- or provider-given URLs.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>The named clients whose connections go through the policy.</summary>
    public static readonly IReadOnlyList<string> GuardedClients = [MediaInspector.HttpClientName, WaveSpeedHttpClientNames.Transfer];

    /// <summary>Binds <see cref="EgressOptions"/> (validated) and guards <see cref="GuardedClients"/>.</summary>
    public static IServiceCollection AddVideoStudioEgress(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<EgressOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(EgressOptions.SectionName));
        }

        options.Validate(o => o.MaxRedirects is >= 0 and <= 10, "VideoStudio:Egress:MaxRedirects must be between 0 and 10.")
            .Validate(o => o.MaxProbeBytes > 0, "VideoStudio:Egress:MaxProbeBytes must be positive.")
            .Validate(o => o.AllowedHosts.All(h => EgressHostEntry.TryParse(h, out _, out _)), "VideoStudio:Egress:AllowedHosts entries must be host or host:port.");
        services.TryAddSingleton<IEgressDialer, SocketEgressDialer>();
        services.TryAddSingleton<EgressPolicy>();
        services.TryAddSingleton<EgressHttpHandler>();
        foreach (string name in GuardedClients)
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressHttpHandler>().Create());
        }

        return services;
    }
}

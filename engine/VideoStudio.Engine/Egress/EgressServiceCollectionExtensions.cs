using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoStudio.Engine.Egress;

/// <summary>
/// Registers the egress policy; each component that fetches caller- or provider-given URLs puts its named client under
/// it with <see cref="AddEgressPolicy"/>.
/// </summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>Binds <see cref="EgressOptions"/> (validated) and registers the policy.</summary>
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
        AddPolicyServices(services);
        return services;
    }

    /// <summary>Every connection of this client goes through the egress policy (resolved address checked per connection and redirect hop).</summary>
    public static IHttpClientBuilder AddEgressPolicy(this IHttpClientBuilder builder)
    {
        AddPolicyServices(builder.Services);
        return builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressHttpHandler>().Create());
    }

    private static void AddPolicyServices(IServiceCollection services)
    {
        services.TryAddSingleton<IEgressDialer, SocketEgressDialer>();
        services.TryAddSingleton<EgressPolicy>();
        services.TryAddSingleton<EgressHttpHandler>();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Hosting;

/// <summary>Registers the whole engine in a host's container.</summary>
public static class VideoStudioServiceCollectionExtensions
{
    /// <summary>Adds VideoStudio, binding <see cref="VideoStudioOptions"/> from the <c>VideoStudio</c> section when <paramref name="configuration"/> is given.</summary>
    public static IServiceCollection AddVideoStudio(this IServiceCollection services, IConfiguration? configuration = null, Action<VideoStudioOptions>? configure = null)
    {
        OptionsBuilder<VideoStudioOptions> options = services.AddOptions<VideoStudioOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(VideoStudioOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMediaProbe, TagLibMediaProbe>();
        services.TryAddSingleton<IPluginCodeLoader, McMasterPluginCodeLoader>();
        services.AddSingleton<PluginFolderReader>();
        services.AddSingleton<PluginCodeActivator>();
        services.AddSingleton<PluginDiscovery>();
        services.AddSingleton<MediaInspector>();
        services.AddSingleton<InputPipeline>();
        services.TryAddSingleton<IVideoStudio, VideoStudioEngine>();
        services.AddHttpClient(MediaInspector.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<VideoStudioOptions>>().Value.RemoteProbeTimeout);
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.Engine.Hosting;

/// <summary>Registers the read-only half of the engine: catalog, validation and pricing, without jobs or a provider.</summary>
public static class VideoStudioCatalogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the catalog, validation and pricing of <see cref="IVideoStudio"/> only: the same plugin discovery,
    /// planner and media inspection as <c>AddVideoStudio</c>, but no job store, no WaveSpeed client, no simulator and
    /// no hosted service, so a process that only lists, validates or prices starts without loading them.
    /// <see cref="IVideoStudio.GetProviderStatus"/> answers "none" and <see cref="IVideoStudio.CheckDriftAsync"/>
    /// throws (there is no provider to compare with). The local operations adapter is registered for its readiness
    /// only (its models show why they cannot run on a host without FFmpeg, as in the full engine). The plugin install
    /// record is read from the data directory (<c>VideoStudio:Jobs:DataDirectory</c>, else the app's default), as
    /// <c>AddVideoStudio</c> reads it. Use <c>AddVideoStudio</c> instead to run jobs; do not call both.
    /// </summary>
    public static IServiceCollection AddVideoStudioCatalog(this IServiceCollection services, IConfiguration? configuration = null, Action<VideoStudioOptions>? configure = null)
    {
        VideoStudioServiceCollectionExtensions.AddCatalogServices(services, configuration, configure);
        // The data directory only names where the install record lives (and the unused local work folder): no store.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JobOptions>, AppDataDirectory>());
        OptionsBuilder<JobOptions> jobs = services.AddOptions<JobOptions>();
        if (configuration is not null)
        {
            jobs.Bind(configuration.GetSection(JobOptions.SectionName));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<VideoStudioOptions>, PluginStateDirectoryDefault>());
        services.AddLocalOperations(sp => Path.Combine(sp.GetRequiredService<IOptions<JobOptions>>().Value.DataDirectory, "local-operations"), configuration: configuration);
        return services;
    }
}

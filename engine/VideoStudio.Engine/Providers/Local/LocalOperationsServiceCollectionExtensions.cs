using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>Registers the local operations adapter as the route of the models whose plugin names the <c>local</c> provider.</summary>
public static class LocalOperationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LocalOperationsProvider"/> (options validated at start) as the <c>local</c> provider route;
    /// <paramref name="defaultWorkDirectory"/> gives the work directory when <see cref="LocalOperationsOptions.WorkDirectory"/> is not set.
    /// The options are read from <paramref name="configuration"/>'s <c>VideoStudio:LocalOperations</c> section when
    /// given (the configuration <c>AddVideoStudio</c> was handed: the CLI's environment registers no
    /// <see cref="IConfiguration"/>), else from the container's <see cref="IConfiguration"/> when it has one.
    /// </summary>
    public static IServiceCollection AddLocalOperations(
        this IServiceCollection services, Func<IServiceProvider, string> defaultWorkDirectory, Action<LocalOperationsOptions>? configure = null, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(defaultWorkDirectory);
        OptionsBuilder<LocalOperationsOptions> options = services.AddOptions<LocalOperationsOptions>()
            .Configure<IServiceProvider>((o, sp) => (configuration ?? sp.GetService<IConfiguration>())?.GetSection(LocalOperationsOptions.SectionName).Bind(o))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LocalOperationsProvider(
            sp.GetRequiredService<IOptions<LocalOperationsOptions>>().Value is { WorkDirectory: null } o ? WithDirectory(o, defaultWorkDirectory(sp)) : sp.GetRequiredService<IOptions<LocalOperationsOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services.AddProviderRoute(LocalOperationsProvider.ProviderName, sp => sp.GetRequiredService<LocalOperationsProvider>(), LocalOperationsProvider.UrlScheme);
    }

    private static LocalOperationsOptions WithDirectory(LocalOperationsOptions o, string directory) => new()
    {
        FfmpegPath = o.FfmpegPath,
        FfprobePath = o.FfprobePath,
        WorkDirectory = directory,
        MaxRunTime = o.MaxRunTime,
        MaxOutputBytes = o.MaxOutputBytes,
        MaxConcurrentRuns = o.MaxConcurrentRuns,
    };
}

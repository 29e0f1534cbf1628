using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.Tests.Support;

/// <summary>
/// Validates options the way a host does at start (<see cref="IStartupValidator"/>: every class's DataAnnotations and
/// its validator of rules that span settings), after <see cref="AddVideoStudio"/>.
/// </summary>
internal static class OptionsFailures
{
    /// <summary>The message a host would stop with at start after <paramref name="change"/>; null when the options are valid.</summary>
    public static string? Of<T>(Action<T> change)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.GetTempPath());
        services.Configure(change);
        using ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
        catch (AggregateException ex)
        {
            return string.Join(" ", ex.InnerExceptions.Select(e => e.Message));
        }
    }

    private static IServiceCollection AddVideoStudio(this IServiceCollection services, Action<Engine.Common.VideoStudioOptions> configure) =>
        VideoStudioServiceCollectionExtensions.AddVideoStudio(services, null, configure);
}

using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Tests.Support;

/// <summary>Builds the engine exactly as a host does (AddVideoStudio), over a given plugins directory.</summary>
public static class EngineFactory
{
    /// <summary>Where the engines the tests build keep their plugin install records (one file per plugins directory).</summary>
    public static string PluginStateDirectory { get; } = Path.Combine(Path.GetTempPath(), "videostudio-tests-plugin-state");

    /// <summary>Creates a service provider with the engine; remote media probing is off so no test touches the network.</summary>
    public static ServiceProvider Create(string? pluginsDirectory = null, Action<VideoStudioOptions>? configure = null, Action<PluginLimits>? limits = null)
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = pluginsDirectory ?? TestPaths.Plugins;
            o.ProbeRemoteMedia = false;
            o.PluginStateDirectory = PluginStateDirectory;
            configure?.Invoke(o);
        });
        if (limits is not null)
        {
            services.Configure(limits);
        }

        return services.BuildServiceProvider();
    }
}

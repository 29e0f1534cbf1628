using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Tests.Support;

/// <summary>Builds the engine exactly as a host does (AddVideoStudio), over a given plugins directory.</summary>
public static class EngineFactory
{
    /// <summary>Creates a service provider with the engine; remote media probing is off so no test touches the network.</summary>
    public static ServiceProvider Create(string? pluginsDirectory = null, Action<VideoStudioOptions>? configure = null, Action<PluginLimits>? limits = null)
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = pluginsDirectory ?? TestPaths.Plugins;
            o.ProbeRemoteMedia = false;
            configure?.Invoke(o);
        });
        if (limits is not null)
        {
            services.Configure(limits);
        }

        return services.BuildServiceProvider();
    }
}

using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// One McMaster <see cref="PluginLoader"/> (one load context) per plugin folder. Contexts are collectible and read
/// assemblies into memory (no file stays mapped, so a folder can be replaced while the host runs); disposing the
/// loader starts their unload, which completes once nothing references their types any more.
/// </summary>
internal sealed class McMasterPluginCodeLoader : IPluginCodeLoader, IDisposable
{
    // Sharing a type shares its whole assembly (matched by simple name). Only the boundary is shared.
    private static readonly Type[] SharedTypes = [typeof(IVideoStudioPlugin), typeof(IServiceCollection), typeof(ILogger), typeof(ILoggerFactory)];
    private readonly List<PluginLoader> loaders = [];

    /// <inheritdoc />
    public Assembly Load(string assemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(Path.GetFullPath(assemblyPath), SharedTypes, config =>
        {
            config.PreferSharedTypes = false;
            config.IsUnloadable = true;
            config.LoadInMemory = true;
        });
        lock (loaders)
        {
            loaders.Add(loader);
        }

        return loader.LoadDefaultAssembly();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (loaders)
        {
            loaders.ForEach(l => l.Dispose());
            loaders.Clear();
        }
    }
}

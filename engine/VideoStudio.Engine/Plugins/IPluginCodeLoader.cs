using System.Reflection;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Loads a plugin assembly into its own load context. A seam over McMaster.NETCore.Plugins (in maintenance
/// mode), so the loader can be replaced without touching discovery.
/// </summary>
public interface IPluginCodeLoader
{
    /// <summary>Loads the assembly at <paramref name="assemblyPath"/>, sharing only the contracts and the DI/logging abstractions.</summary>
    Assembly Load(string assemblyPath);
}

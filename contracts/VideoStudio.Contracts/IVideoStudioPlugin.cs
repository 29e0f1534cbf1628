using Microsoft.Extensions.DependencyInjection;

namespace VideoStudio.Contracts;

/// <summary>
/// Optional entry point of a plugin assembly. The host instantiates the single public implementation (if any)
/// with a parameterless constructor and lets it add services to the host's container.
/// </summary>
/// <remarks>
/// Extension points (<see cref="IInputRule"/>, <see cref="IInputNormalizer"/>, <see cref="IOutputMapper"/>)
/// declared as public sealed classes are registered by the host automatically; implement this interface only for
/// anything else. Never call <c>AddHttpClient</c> here: HTTP belongs to the host.
/// </remarks>
public interface IVideoStudioPlugin
{
    /// <summary>Adds the plugin's services to the host's service collection.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="context">What the host knows about this plugin from its manifest.</param>
    void ConfigureServices(IServiceCollection services, PluginContext context);
}

using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>A call into plugin code ran past <see cref="PluginLimits.CallTimeout"/> and was abandoned.</summary>
/// <param name="pluginId">The plugin whose code was called.</param>
/// <param name="message">What was called, the budget, and that the result was not used.</param>
internal sealed class PluginCallTimeoutException(string pluginId, string message) : TimeoutException(message)
{
    /// <summary>The plugin whose code was called.</summary>
    public string PluginId { get; } = pluginId;
}

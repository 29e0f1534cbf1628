namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>A call into a plugin's worker failed (it exited, answered too much or nonsense, threw, or the plugin is stopped); the message names the plugin and says why.</summary>
/// <param name="pluginId">The plugin.</param>
/// <param name="message">What failed and why, in the host's words (never the plugin's text).</param>
public sealed class PluginWorkerException(string pluginId, string message) : Exception(message)
{
    /// <summary>The plugin whose code was called.</summary>
    public string PluginId { get; } = pluginId;
}

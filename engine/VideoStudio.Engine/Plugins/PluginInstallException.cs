using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>An install or removal was refused; the message says why and what to do. Nothing in the plugins directory changed.</summary>
public sealed class PluginInstallException(string message, Exception? inner = null) : Exception(message, inner);

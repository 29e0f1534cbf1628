namespace VideoStudio.Engine.Plugins;

/// <summary>Raised while reading a plugin folder; the message is the quarantine reason a person reads.</summary>
public sealed class PluginQuarantineException(string message, Exception? inner = null) : Exception(message, inner);

using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>Raised while reading a plugin folder; the message is the quarantine reason a person reads.</summary>
/// <param name="message">What is wrong and what to do.</param>
/// <param name="inner">The parser's exception, if any.</param>
/// <param name="declared">The manifest, when it was read before the problem: what the refused folder claims.</param>
internal sealed class PluginQuarantineException(string message, Exception? inner = null, PluginManifest? declared = null) : Exception(message, inner)
{
    /// <summary>The manifest, when it was read before the problem (its ids explain a later "unknown model").</summary>
    public PluginManifest? Declared { get; } = declared;
}

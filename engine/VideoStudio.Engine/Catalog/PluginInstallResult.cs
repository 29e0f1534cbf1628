using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>The outcome of an install.</summary>
/// <param name="Plugin">The plugin as checked.</param>
/// <param name="Folder">The folder it now lives in.</param>
/// <param name="Replaced">The version it replaced, or null for a new install.</param>
public sealed record PluginInstallResult(PluginInfo Plugin, string Folder, string? Replaced);

namespace VideoStudio.Contracts;

/// <summary>What the host read from a plugin's manifest, handed to the plugin's entry point.</summary>
/// <param name="PluginId">The manifest's plugin id, e.g. <c>videostudio.ltx2</c>.</param>
/// <param name="Version">The plugin's SemVer version from its manifest.</param>
/// <param name="Directory">Absolute path of the plugin's folder.</param>
/// <param name="Models">The models the manifest declares.</param>
public sealed record PluginContext(string PluginId, string Version, string Directory, IReadOnlyList<ModelDescriptor> Models);

using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>A plugin folder as the host found it.</summary>
/// <param name="Id">Plugin id from the manifest, or the folder name when the manifest could not be read.</param>
/// <param name="Name">Display name.</param>
/// <param name="Version">Plugin version from the manifest (empty when unreadable).</param>
/// <param name="Directory">The plugin folder.</param>
/// <param name="Status">What the host made of it.</param>
/// <param name="Reason">Why it is not <see cref="PluginStatus.Active"/>: what is wrong and what to do.</param>
/// <param name="ModelIds">The models it provides (empty when quarantined).</param>
public sealed record PluginInfo(string Id, string Name, string Version, string Directory, PluginStatus Status, string? Reason, IReadOnlyList<string> ModelIds);

using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Source-generated reading of a manifest already known valid (<see cref="PluginValidationCache"/>): the same
/// <see cref="Json.Options"/> conventions without the reflection cost a start would otherwise pay.
/// </summary>
[JsonSerializable(typeof(PluginManifest))]
internal sealed partial class PluginManifestJson : JsonSerializerContext
{
    /// <summary>The manifest's type info, under the engine's JSON conventions.</summary>
    public static JsonTypeInfo<PluginManifest> Manifest { get; } =
        (JsonTypeInfo<PluginManifest>)Json.With(new PluginManifestJson()).GetTypeInfo(typeof(PluginManifest));
}

using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Source-generated reading of a manifest already known valid (<see cref="PluginValidationCache"/>) and of the
/// plugin install record: the same
/// <see cref="Json.Options"/> conventions without the reflection cost a start would otherwise pay.
/// </summary>
[JsonSerializable(typeof(PluginManifest))]
[JsonSerializable(typeof(PluginInstallRecord.FileShape))]
internal sealed partial class PluginManifestJson : JsonSerializerContext
{
    private static readonly System.Text.Json.JsonSerializerOptions Conventions = Json.With(new PluginManifestJson());

    /// <summary>The manifest's type info, under the engine's JSON conventions.</summary>
    public static JsonTypeInfo<PluginManifest> Manifest { get; } = (JsonTypeInfo<PluginManifest>)Conventions.GetTypeInfo(typeof(PluginManifest));

    /// <summary>The install record's type info (read on every catalog load), under the same conventions.</summary>
    public static JsonTypeInfo<PluginInstallRecord.FileShape> InstallRecord { get; } =
        (JsonTypeInfo<PluginInstallRecord.FileShape>)Conventions.GetTypeInfo(typeof(PluginInstallRecord.FileShape));
}

using System.Text.Json;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Reads a plugin folder's data — manifest, input schemas, pricing rules — without loading any code, checking
/// every file against its meta-schema. Any problem throws <see cref="PluginQuarantineException"/> with a reason
/// that names the file and the fix.
/// </summary>
public static class PluginFolderReader
{
    // Parsed once per process and shared read-only (NJsonSchema schemas are safe to validate with concurrently).
    private static readonly Lazy<Task<MetaSchemas>> SharedMetaSchemas = new(() => MetaSchemas.LoadAsync());

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "plugin.json";

    /// <summary>A plugin's data, read and checked.</summary>
    public sealed record PluginData(PluginManifest Manifest, string Directory, IReadOnlyList<ModelDefinition> Models);

    /// <summary>Reads and checks the folder.</summary>
    public static async Task<PluginData> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        string manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new PluginQuarantineException($"no {ManifestFileName} in the folder: every plugin folder needs a manifest (see docs/writing-a-plugin.md).");
        }

        MetaSchemas metaSchemas = await SharedMetaSchemas.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        string manifestText = await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        PluginManifest manifest = ParseManifest(metaSchemas, manifestText);
        var models = new List<ModelDefinition>();
        foreach (ManifestModel model in manifest.Models)
        {
            models.Add(await ReadModelAsync(metaSchemas, directory, manifest, model, cancellationToken).ConfigureAwait(false));
        }

        return new PluginData(manifest, directory, models);
    }

    private static PluginManifest ParseManifest(MetaSchemas metaSchemas, string text)
    {
        try
        {
            Check(MetaSchemas.Check(metaSchemas.Manifest, text), ManifestFileName, "plugin-manifest.schema.json");
            return JsonSerializer.Deserialize<PluginManifest>(text, Json.Options) ?? throw new PluginQuarantineException($"{ManifestFileName} is empty.");
        }
        catch (Exception ex) when (ex is JsonException or Newtonsoft.Json.JsonException)
        {
            throw new PluginQuarantineException($"{ManifestFileName} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static async Task<ModelDefinition> ReadModelAsync(MetaSchemas metaSchemas, string directory, PluginManifest manifest, ManifestModel model, CancellationToken cancellationToken)
    {
        string schemaText = await ReadInsideAsync(directory, model.Schema, cancellationToken).ConfigureAwait(false);
        Check(MetaSchemas.Check(metaSchemas.InputProfile, schemaText), model.Schema, "input-schema-profile.schema.json");
        InputSchema schema = await InputSchema.ParseAsync(schemaText, cancellationToken).ConfigureAwait(false);
        CheckSchemaConsistency(model.Schema, schema);

        string pricingText = await ReadInsideAsync(directory, model.Pricing, cancellationToken).ConfigureAwait(false);
        Check(MetaSchemas.Check(metaSchemas.Pricing, pricingText), model.Pricing, "pricing.schema.json");
        PricingRule pricing;
        try
        {
            pricing = PricingRuleParser.Parse(pricingText, schema.FieldNames);
        }
        catch (FormatException ex)
        {
            throw new PluginQuarantineException($"{model.Pricing}: {ex.Message}", ex);
        }

        var descriptor = new ModelDescriptor(model.Id, model.Aliases ?? [], manifest.Family, new TaskKind(model.Task), model.DisplayName, manifest.Id, model.Capabilities ?? []);
        return new ModelDefinition(descriptor, schema, pricing, model.Processing, model.Card, manifest.Version);
    }

    // What a draft-04 meta-schema cannot say: the form order names real fields, defaults are allowed values.
    private static void CheckSchemaConsistency(string file, InputSchema schema)
    {
        foreach (InputField field in schema.Fields)
        {
            if (field.Default is not null && field.AllowedValues.Count > 0 && !field.AllowedValues.Any(v => JsonElementEquals(v, field.Default)))
            {
                throw new PluginQuarantineException($"{file}: the default of '{field.Name}' ({field.Default.ToJsonString()}) is not one of its enum values.");
            }
        }
    }

    private static bool JsonElementEquals(System.Text.Json.Nodes.JsonNode? a, System.Text.Json.Nodes.JsonNode? b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);

    /// <summary>Reads a file named by the manifest, refusing any path that leaves the plugin folder.</summary>
    public static async Task<string> ReadInsideAsync(string directory, string relativePath, CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (Path.IsPathRooted(relativePath) || !full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new PluginQuarantineException($"{ManifestFileName} names '{relativePath}', which is outside the plugin folder; use a path inside it such as models/<name>.schema.json.");
        }

        if (!File.Exists(full))
        {
            throw new PluginQuarantineException($"{ManifestFileName} names '{relativePath}', but the file does not exist in the plugin folder.");
        }

        return await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
    }

    private static void Check(IReadOnlyList<string> problems, string file, string metaSchema)
    {
        if (problems.Count > 0)
        {
            throw new PluginQuarantineException($"{file} does not match schemas/{metaSchema}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (+{problems.Count - 5} more)" : string.Empty)}");
        }
    }
}

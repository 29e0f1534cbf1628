using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Reads a plugin folder's data — manifest, input schemas, pricing rules — without loading any code. Every file
/// passes <see cref="PluginFileGuard"/> (size, depth, syntax) before any parser sees it, then its meta-schema,
/// then the invariants a meta-schema cannot state (<see cref="CardExampleCheck"/>). Any problem, whatever
/// exception a parser raised, throws <see cref="PluginQuarantineException"/> with a reason naming the file. Data
/// whose exact bytes passed all that before (<see cref="PluginValidationCache"/>) is read without the meta-schema
/// and invariant checks, and its validator schema is parsed on first use.
/// </summary>
public sealed class PluginFolderReader(PluginFileGuard guard, PluginValidationCache cache)
{
    // Parsed once per process and shared read-only (NJsonSchema schemas are safe to validate with concurrently).
    private static readonly Lazy<Task<MetaSchemas>> SharedMetaSchemas = new(() => MetaSchemas.LoadAsync());

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "plugin.json";

    /// <summary>A plugin's data, read and checked.</summary>
    public sealed record PluginData(PluginManifest Manifest, string Directory, IReadOnlyList<ModelDefinition> Models);

    /// <summary>Reads and checks the folder.</summary>
    public async Task<PluginData> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        string manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new PluginQuarantineException($"no {ManifestFileName} in the folder: every plugin folder needs a manifest (see docs/writing-a-plugin.md).");
        }

        string manifestText = await guard.ReadJsonAsync(manifestPath, ManifestFileName, cancellationToken).ConfigureAwait(false);
        if (cache.Enabled && await ReadValidatedAsync(directory, manifestText, cancellationToken).ConfigureAwait(false) is PluginData known)
        {
            return known;
        }

        MetaSchemas metaSchemas = await SharedMetaSchemas.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        PluginManifest manifest = Guarded(ManifestFileName, () => ParseManifest(metaSchemas, manifestText));
        CheckModelCount(manifest);
        CheckRulesHaveCode(manifest);
        var files = new List<(string Name, string Text)> { (ManifestFileName, manifestText) };
        var models = new List<ModelDefinition>();
        foreach (ManifestModel model in manifest.Models)
        {
            try
            {
                models.Add(await ReadModelAsync(metaSchemas, directory, manifest, model, files, cancellationToken).ConfigureAwait(false));
            }
            catch (PluginQuarantineException ex) when (ex.Declared is null)
            {
                throw new PluginQuarantineException(ex.Message, ex, manifest);
            }
        }

        cache.MarkValidated(PluginValidationCache.KeyOf(files), manifest.Id, manifest.Version);
        return new PluginData(manifest, directory, models);
    }

    // The same files as the checked path, read through the same guard; null (check everything) unless these exact
    // bytes passed every check before. Any surprise is a miss, and the checked path then names the problem.
    private async Task<PluginData?> ReadValidatedAsync(string directory, string manifestText, CancellationToken cancellationToken)
    {
        try
        {
            PluginManifest manifest = JsonSerializer.Deserialize(manifestText, PluginManifestJson.Manifest)!;
            if (manifest.Models.Count > guard.Limits.MaxModelsPerPlugin)
            {
                return null;
            }

            var files = new List<(string Name, string Text)> { (ManifestFileName, manifestText) };
            var texts = new List<(ManifestModel Model, string Schema, string Pricing)>();
            foreach (ManifestModel model in manifest.Models)
            {
                string schemaText = await ReadInsideAsync(directory, model.Schema, cancellationToken).ConfigureAwait(false);
                string pricingText = await ReadInsideAsync(directory, model.Pricing, cancellationToken).ConfigureAwait(false);
                files.Add((model.Schema, schemaText));
                files.Add((model.Pricing, pricingText));
                texts.Add((model, schemaText, pricingText));
            }

            if (!cache.IsValidated(PluginValidationCache.KeyOf(files)))
            {
                return null;
            }

            var models = texts.Select(t =>
            {
                InputSchema schema = InputSchema.Parse(t.Schema);
                return Define(manifest, t.Model, schema, PricingRuleParser.Parse(t.Pricing, schema.FieldNames));
            }).ToArray();
            return new PluginData(manifest, directory, models);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private void CheckModelCount(PluginManifest manifest)
    {
        if (manifest.Models.Count > guard.Limits.MaxModelsPerPlugin)
        {
            throw new PluginQuarantineException($"{ManifestFileName} declares {manifest.Models.Count} models, over the limit of {guard.Limits.MaxModelsPerPlugin} per plugin (VideoStudio:PluginLimits:MaxModelsPerPlugin).", declared: manifest);
        }
    }

    // Rules are code: a manifest that binds some must name the assembly that holds them.
    private static void CheckRulesHaveCode(PluginManifest manifest)
    {
        if (manifest.EntryAssembly is null && manifest.Models.FirstOrDefault(m => m.Rules is { Count: > 0 }) is { } model)
        {
            throw new PluginQuarantineException($"{ManifestFileName}: model '{model.Id}' lists rules ({string.Join(", ", model.Rules!)}) but the plugin names no entryAssembly to hold them; set 'entryAssembly', or remove 'rules' for a data-only plugin.", declared: manifest);
        }
    }

    private static ModelDefinition Define(PluginManifest manifest, ManifestModel model, InputSchema schema, PricingRule pricing)
    {
        var descriptor = new ModelDescriptor(model.Id, model.Aliases ?? [], manifest.Family, new TaskKind(model.Task), model.DisplayName, manifest.Id, model.Capabilities ?? []);
        return new ModelDefinition(descriptor, schema, pricing, model.Processing, model.Card, manifest.Version, model.Pricing)
        {
            Provider = model.Provider ?? manifest.Provider ?? ModelDefinition.DefaultProvider,
            NextStepLabel = model.NextStep,
        };
    }

    private static PluginManifest ParseManifest(MetaSchemas metaSchemas, string text)
    {
        Check(MetaSchemas.Check(metaSchemas.Manifest, text), ManifestFileName, "plugin-manifest.schema.json");
        return JsonSerializer.Deserialize<PluginManifest>(text, Json.Options) ?? throw new PluginQuarantineException($"{ManifestFileName} is empty.");
    }

    private async Task<ModelDefinition> ReadModelAsync(MetaSchemas metaSchemas, string directory, PluginManifest manifest, ManifestModel model, List<(string Name, string Text)> files, CancellationToken cancellationToken)
    {
        string schemaText = await ReadInsideAsync(directory, model.Schema, cancellationToken).ConfigureAwait(false);
        files.Add((model.Schema, schemaText));
        Check(Guarded(model.Schema, () => MetaSchemas.Check(metaSchemas.InputProfile, schemaText)), model.Schema, "input-schema-profile.schema.json");
        InputSchema schema = await GuardedAsync(model.Schema, () => InputSchema.ParseAsync(schemaText, cancellationToken)).ConfigureAwait(false);
        Guarded(model.Schema, () => CheckSchemaConsistency(model.Schema, schema));

        string pricingText = await ReadInsideAsync(directory, model.Pricing, cancellationToken).ConfigureAwait(false);
        files.Add((model.Pricing, pricingText));
        Check(Guarded(model.Pricing, () => MetaSchemas.Check(metaSchemas.Pricing, pricingText)), model.Pricing, "pricing.schema.json");
        PricingRule pricing = Guarded(model.Pricing, () => PricingRuleParser.Parse(pricingText, schema.FieldNames));

        ModelDefinition definition = Define(manifest, model, schema, pricing);
        Guarded($"{ManifestFileName} card of '{model.Id}'", () => CardExampleCheck.Check(definition));
        return definition;
    }

    // A parser that throws anything (wrong types, overflow, a null where an object was due) names the file and
    // quarantines the folder instead of reaching the host.
    private static T Guarded<T>(string file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not PluginQuarantineException and not OperationCanceledException)
        {
            throw new PluginQuarantineException($"{file}: {ex.Message}", ex);
        }
    }

    private static void Guarded(string file, Action read) => Guarded(file, () =>
    {
        read();
        return true;
    });

    private static async Task<T> GuardedAsync<T>(string file, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PluginQuarantineException and not OperationCanceledException)
        {
            throw new PluginQuarantineException($"{file}: {ex.Message}", ex);
        }
    }

    // What a draft-04 meta-schema cannot say: defaults are allowed values, declared media comparisons name real
    // fields whose values read as numbers.
    private static void CheckSchemaConsistency(string file, InputSchema schema)
    {
        if (MediaFactChecks.Problems(schema).FirstOrDefault() is string problem)
        {
            throw new PluginQuarantineException($"{file}: {problem}");
        }

        foreach (InputField field in schema.Fields)
        {
            if (field.Default is not null && field.AllowedValues.Count > 0 && !field.AllowedValues.Any(v => JsonNode.DeepEquals(v, field.Default)))
            {
                throw new PluginQuarantineException($"{file}: the default of '{field.Name}' ({field.Default.ToJsonString()}) is not one of its enum values.");
            }
        }
    }

    /// <summary>Reads a file named by the manifest through the guard, refusing any path that leaves the plugin folder.</summary>
    public Task<string> ReadInsideAsync(string directory, string relativePath, CancellationToken cancellationToken)
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

        return guard.ReadJsonAsync(full, relativePath, cancellationToken);
    }

    private static void Check(IReadOnlyList<string> problems, string file, string metaSchema)
    {
        if (problems.Count > 0)
        {
            throw new PluginQuarantineException($"{file} does not match schemas/{metaSchema}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (+{problems.Count - 5} more)" : string.Empty)}");
        }
    }
}

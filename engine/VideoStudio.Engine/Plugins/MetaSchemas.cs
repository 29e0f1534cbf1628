using System.Reflection;
using NJsonSchema;
using NJsonSchema.Validation;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// The meta-schemas from the repository's <c>schemas/</c> folder (embedded in the engine), used to check every
/// plugin file before it is trusted.
/// </summary>
public sealed class MetaSchemas
{
    private MetaSchemas(JsonSchema manifest, JsonSchema pricing, JsonSchema inputProfile)
    {
        Manifest = manifest;
        Pricing = pricing;
        InputProfile = inputProfile;
    }

    /// <summary>plugin.json format.</summary>
    public JsonSchema Manifest { get; }

    /// <summary>Pricing-rule format.</summary>
    public JsonSchema Pricing { get; }

    /// <summary>The input-schema profile.</summary>
    public JsonSchema InputProfile { get; }

    /// <summary>Loads the embedded meta-schemas.</summary>
    public static async Task<MetaSchemas> LoadAsync(CancellationToken cancellationToken = default) => new(
        await LoadOneAsync("plugin-manifest.schema.json", cancellationToken).ConfigureAwait(false),
        await LoadOneAsync("pricing.schema.json", cancellationToken).ConfigureAwait(false),
        await LoadOneAsync("input-schema-profile.schema.json", cancellationToken).ConfigureAwait(false));

    /// <summary>The embedded meta-schemas' file names; each declares a stable <c>id</c> (<c>urn:videostudio:schemas:&lt;name&gt;:v1</c>).</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["plugin-manifest.schema.json", "pricing.schema.json", "input-schema-profile.schema.json"];

    /// <summary>Reads the raw text of one embedded meta-schema.</summary>
    public static string ReadText(string fileName)
    {
        using Stream stream = typeof(MetaSchemas).Assembly.GetManifestResourceStream("schemas/" + fileName)
            ?? throw new InvalidOperationException($"Meta-schema {fileName} is not embedded in the engine.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates JSON text against a meta-schema; returns readable problems (empty when valid).</summary>
    public static IReadOnlyList<string> Check(JsonSchema schema, string jsonText) =>
        Flatten(schema.Validate(jsonText)).ToArray();

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (ValidationError error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (string inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }

                continue;
            }

            string where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
            yield return error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed
                ? $"{where}: '{error.Property}' is not allowed here{ForbiddenKeywordHint(error.Property)}"
                : $"{where}: {error.Kind}{(error.Property is null ? string.Empty : $" ({error.Property})")}";
        }
    }

    // The keywords NJsonSchema silently ignores get a message that says why they are refused.
    private static string ForbiddenKeywordHint(string? property) => property switch
    {
        "const" or "if" or "then" or "else" or "$defs" or "dependentRequired" or "dependentSchemas" or "prefixItems" or "unevaluatedProperties" or "oneOf" or "anyOf" or "allOf" or "not" or "$ref"
            => " (the validator does not enforce it; express the rule with enum/minimum/maximum or as a plugin IInputRule)",
        _ => string.Empty,
    };

    private static Task<JsonSchema> LoadOneAsync(string fileName, CancellationToken cancellationToken) =>
        JsonSchema.FromJsonAsync(ReadText(fileName), cancellationToken);
}

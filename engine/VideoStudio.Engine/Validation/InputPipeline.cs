using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Media;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// The one validation path every caller uses: schema (NJsonSchema) → media checks on the real files → declared
/// frame-shape checks → the plugin's cross-field rules → the plugin's normalisers.
/// </summary>
public sealed class InputPipeline(MediaInspector inspector, ILogger<InputPipeline> logger)
{
    /// <summary>Validates <paramref name="input"/> for <paramref name="model"/>; <paramref name="inspectMedia"/> false skips reading the media (a card example's illustrative URLs).</summary>
    public async Task<ValidationReport> ValidateAsync(PluginCatalog catalog, ModelDefinition model, JsonObject input, CancellationToken cancellationToken, bool inspectMedia = true)
    {
        (IReadOnlyList<ValidationIssue> schemaIssues, JsonObject normalized) = SchemaValidator.Validate(model.Schema, input);
        var issues = schemaIssues.ToList();
        var media = new Dictionary<string, MediaInfo>(StringComparer.Ordinal);
        foreach (InputField field in model.Schema.Fields.Where(f => inspectMedia && f.Media is not null))
        {
            if (normalized[field.Name] is JsonValue v && v.TryGetValue(out string? value) && value.Length > 0 && !issues.Any(i => i.Path == "/" + field.Name))
            {
                MediaInspector.Inspection inspection = await inspector.InspectAsync(field, value, cancellationToken).ConfigureAwait(false);
                issues.AddRange(inspection.Issues);
                if (inspection.Info is not null)
                {
                    media[field.Name] = inspection.Info;
                }
            }
        }

        if (issues.All(i => i.Severity != IssueSeverity.Error))
        {
            issues.AddRange(AspectChecks.Check(model.Schema, normalized, media));
            var context = new Contracts.ModelInputContext(model.Descriptor, normalized, media);
            foreach (IInputRule rule in catalog.CodeFor(model).Rules.Where(r => r.AppliesTo(model.Descriptor)))
            {
                issues.AddRange(RunRule(rule, context));
            }

            foreach (IInputNormalizer normalizer in catalog.CodeFor(model).Normalizers.Where(n => n.AppliesTo(model.Descriptor)))
            {
                normalizer.Normalize(context);
            }
        }

        return new ValidationReport(
            model.Id,
            issues.Where(i => i.Severity == IssueSeverity.Error).ToArray(),
            issues.Where(i => i.Severity == IssueSeverity.Warning).ToArray(),
            normalized,
            media);
    }

    // A plugin rule that throws must not take the request down with it, nor pass silently.
    private ValidationIssue[] RunRule(IInputRule rule, Contracts.ModelInputContext context)
    {
        try
        {
            return rule.Check(context).ToArray();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rule {Rule} of plugin {Plugin} failed", rule.GetType().FullName, context.Model.PluginId);
            return [new ValidationIssue(string.Empty, ErrorCodes.RuleViolation, $"The plugin rule {rule.GetType().Name} failed ({ex.GetType().Name}); the input could not be fully checked. Report it to the plugin's author.")];
        }
    }
}

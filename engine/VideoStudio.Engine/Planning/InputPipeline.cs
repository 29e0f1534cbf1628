using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Plugins.Isolation;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Planning;

/// <summary>
/// The one validation path every caller uses: schema (NJsonSchema) → media checks on the real files → declared
/// frame-shape and media-fact checks → the rules the manifest binds to the model → the plugin's normalisers. Every call into plugin code runs
/// on the <see cref="PluginCallBudget"/>: one that throws or runs past its time fails the validation closed.
/// </summary>
public sealed class InputPipeline(MediaInspector inspector, PluginCallBudget budget, ILogger<InputPipeline> logger)
{
    private readonly PluginApplicability applicability = new();

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
                if (!model.TakesMediaUrls && MediaSource.IsRemote(value, out _))
                {
                    // Refused here, at validate/estimate/submit, not after acceptance: the adapter would refuse it anyway.
                    issues.Add(new("/" + field.Name, ErrorCodes.MediaUrlNotAllowed,
                        $"/{field.Name}: {model.Id} runs on this machine and reads only your files, uploads and job outputs (job:<id>), not a URL; upload the file first or chain from a finished job."));
                    continue;
                }

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
            issues.AddRange(MediaFactChecks.Check(model.Schema, normalized, media));
            issues.AddRange(NoChangeChecks.Check(model.Schema, normalized));
            var context = new Contracts.ModelInputContext(model.Descriptor, normalized, media);
            PluginCode code = catalog.CodeFor(model);
            foreach (IInputRule rule in code.RulesFor(model.Id))
            {
                if (applicability.Known(rule, model.Descriptor) == false)
                {
                    continue;
                }

                issues.AddRange(await RunPluginAsync(catalog, model, rule, $"rule {PluginPartName.Of(rule)}",
                    async () => (!code.AsksAppliesTo || applicability.Remember(rule, model.Descriptor, await PluginParts.AppliesToAsync(rule, model.Descriptor).ConfigureAwait(false)))
                        ? await PluginParts.CheckAsync(rule, context).ConfigureAwait(false)
                        : [], cancellationToken).ConfigureAwait(false));
            }

            foreach (IInputNormalizer normalizer in code.Normalizers)
            {
                if (issues.Any(i => i.Severity == IssueSeverity.Error))
                {
                    break;
                }

                if (applicability.Known(normalizer, model.Descriptor) == false)
                {
                    continue;
                }

                // On a private copy, adopted only when the call finished: an abandoned normaliser mutates nothing we use.
                var copy = context with { Input = (JsonObject)normalized.DeepClone() };
                ValidationIssue[] failed = await RunPluginAsync(catalog, model, normalizer, $"normaliser {PluginPartName.Of(normalizer)}", async () =>
                {
                    if (applicability.Remember(normalizer, model.Descriptor, await PluginParts.AppliesToAsync(normalizer, model.Descriptor).ConfigureAwait(false)))
                    {
                        await PluginParts.NormalizeAsync(normalizer, copy).ConfigureAwait(false);
                    }

                    return Array.Empty<ValidationIssue>();
                }, cancellationToken).ConfigureAwait(false);
                issues.AddRange(failed);
                if (failed.Length == 0)
                {
                    normalized = copy.Input;
                    context = context with { Input = normalized };
                }
            }
        }

        return new ValidationReport(
            model.Id,
            issues.Where(i => i.Severity == IssueSeverity.Error).ToArray(),
            issues.Where(i => i.Severity == IssueSeverity.Warning).ToArray(),
            normalized,
            media);
    }

    // Plugin code that throws or runs past its budget must not take the request down with it, nor pass silently.
    // In-process code runs on the budget's thread (its async form completes synchronously); a worker's is awaited.
    private async Task<ValidationIssue[]> RunPluginAsync(PluginCatalog catalog, ModelDefinition model, object part, string what, Func<Task<ValidationIssue[]>> call, CancellationToken cancellationToken)
    {
        try
        {
            return part is IPluginPart
                ? await budget.RunRemoteAsync(catalog.Health, model.Descriptor.PluginId, what, call, cancellationToken).ConfigureAwait(false)
                : await budget.RunAsync(catalog.Health, model.Descriptor.PluginId, what, () => call().GetAwaiter().GetResult(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PluginCallTimeoutException or PluginWorkerException)
        {
            string message = ex is PluginWorkerException ? ex.Message + "; the input could not be fully checked." : ex.Message;
            return [new ValidationIssue(string.Empty, ErrorCodes.RuleViolation, $"{char.ToUpperInvariant(message[0])}{message[1..]} Report it to the plugin's author.")];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The {What} of plugin {Plugin} failed", what, model.Descriptor.PluginId);
            return [new ValidationIssue(string.Empty, ErrorCodes.RuleViolation, $"The {what} of plugin '{model.Descriptor.PluginId}' failed ({ex.GetType().Name}); the input could not be fully checked. Report it to the plugin's author.")];
        }
    }
}

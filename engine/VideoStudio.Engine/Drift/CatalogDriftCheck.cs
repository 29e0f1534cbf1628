using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Drift;

/// <summary>
/// Compares every installed model with the provider's live catalogue (<c>GET /api/v3/models</c>): input names,
/// types, allowed values, ranges, defaults and required fields, and the price of the card's example against the
/// provider's own quote. Run on a schedule; prices are never fetched at startup.
/// </summary>
internal sealed class CatalogDriftCheck(RequestPlanner planner, IVideoProvider provider)
{
    /// <summary>Checks every installed model.</summary>
    public async Task<IReadOnlyList<CatalogDrift>> CheckAsync(CancellationToken cancellationToken)
    {
        PluginCatalog catalog = await planner.CatalogAsync(cancellationToken).ConfigureAwait(false);
        IProviderCatalog liveCatalog = provider.GetService<IProviderCatalog>()
            ?? throw new InvalidOperationException($"The provider '{provider.Metadata.Name}' publishes no live catalogue, so there is nothing to compare the plugins with.");
        var live = (await liveCatalog.GetModelsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.ModelId, StringComparer.Ordinal);
        var report = new List<CatalogDrift>();
        foreach (ModelDefinition model in catalog.Registry.Models)
        {
            if (!live.TryGetValue(model.Id, out LiveModel? entry))
            {
                report.Add(new CatalogDrift(model.Id, "missing", ["not in the live catalogue: renamed or withdrawn?"], null, null, null, []));
                continue;
            }

            List<string> differences = entry.RequestSchema is JsonObject schema ? CompareSchema(model.Schema, schema) : ["the live entry has no request schema"];
            var notes = new List<string>();
            (decimal? ours, decimal? theirs) = await ComparePriceAsync(catalog, model, cancellationToken).ConfigureAwait(false);
            if (model.Pricing.Billing.Duration is { FromMedia: true } media)
            {
                // The provider prices media by fetching it; the example's URL is illustrative, so its quote is the formula's floor.
                notes.Add($"price not compared: it is driven by the /{media.Field} media's duration, which a quote of the example URL cannot measure; compare the formula by hand");
            }
            else if (ours is null)
            {
                notes.Add(theirs is decimal q ? $"the plugin has no confirmed price; the live quote for the example is ${q:0.00##}" : "no confirmed price in the plugin and no live quote");
            }
            else if (theirs is decimal t && ours != t)
            {
                differences.Add($"price of the card example: plugin ${ours:0.00##}, live quote ${t:0.00##}");
            }

            report.Add(new CatalogDrift(model.Id, differences.Count == 0 ? "ok" : "drift", differences, ours, theirs, entry.Formula, notes));
        }

        return report;
    }

    private static List<string> CompareSchema(InputSchema ours, JsonObject live)
    {
        var differences = new List<string>();
        JsonObject liveProperties = live["properties"] as JsonObject ?? [];
        var liveRequired = (live["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (string name in liveProperties.Select(p => p.Key).Where(n => !ours.FieldNames.Contains(n)))
        {
            differences.Add($"/{name}: live input the plugin does not offer{(liveRequired.Contains(name) ? " (REQUIRED live)" : string.Empty)}");
        }

        foreach (InputField field in ours.Fields)
        {
            if (liveProperties[field.Name] is not JsonObject p)
            {
                differences.Add($"/{field.Name}: offered by the plugin but absent live");
                continue;
            }

            Compare(differences, field.Name, "type", JsonValue.Create(field.Type), p["type"]);
            Compare(differences, field.Name, "enum", field.AllowedValues.Count == 0 ? null : new JsonArray([.. field.AllowedValues.Select(v => v?.DeepClone())]), p["enum"]);
            Compare(differences, field.Name, "default", field.Default, p["default"]);
            Compare(differences, field.Name, "minimum", field.Minimum is decimal min ? JsonValue.Create(min) : null, p["minimum"]);
            Compare(differences, field.Name, "maximum", field.Maximum is decimal max ? JsonValue.Create(max) : null, p["maximum"]);
            if (field.Required != liveRequired.Contains(field.Name))
            {
                differences.Add($"/{field.Name}: {(field.Required ? "required by the plugin, optional live" : "optional in the plugin, required live")}");
            }
        }

        return differences;
    }

    private static void Compare(List<string> differences, string field, string keyword, JsonNode? ours, JsonNode? theirs)
    {
        if (!JsonNode.DeepEquals(Normalize(ours), Normalize(theirs)))
        {
            differences.Add($"/{field}: live {keyword} {theirs?.ToJsonString() ?? "(none)"}, plugin {ours?.ToJsonString() ?? "(none)"}");
        }
    }

    // 5 and 5.0 are the same number: compare numbers by value, not by text.
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonValue v when Common.JsonNumbers.TryGetDecimal(v, out decimal d) => JsonValue.Create(d / 1.000000000000000000000000000000000m),
        JsonArray a => new JsonArray([.. a.Select(Normalize)]),
        _ => node?.DeepClone(),
    };

    private async Task<(decimal? Ours, decimal? Theirs)> ComparePriceAsync(PluginCatalog catalog, ModelDefinition model, CancellationToken cancellationToken)
    {
        EstimateReport ours = (await planner.PlanExampleAsync(catalog, model, cancellationToken).ConfigureAwait(false)).Report;
        decimal? theirs = await provider.TryQuoteAsync(model.Id, ours.Validation.NormalizedInput, null, cancellationToken).ConfigureAwait(false);
        return (ours.Estimate?.TotalUsd, theirs);
    }
}

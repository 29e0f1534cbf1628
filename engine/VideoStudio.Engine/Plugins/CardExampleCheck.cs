using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// The load-time invariant of an education card: its example input passes the model's schema and prices to a
/// positive figure (or to $0 under a rule that says why it is free). Nothing is fetched: media fields are priced from the card's <c>exampleMediaSeconds</c>. An
/// example whose price cannot be known is accepted only when the pricing rule is marked <c>unconfirmed</c> and
/// says why in its notes (the price is then honestly unknown, never invented).
/// </summary>
internal static class CardExampleCheck
{
    /// <summary>Throws <see cref="PluginQuarantineException"/> when the example fails.</summary>
    public static void Check(ModelDefinition model)
    {
        (IReadOnlyList<ValidationIssue> issues, System.Text.Json.Nodes.JsonObject normalized) = SchemaValidator.Validate(model.Schema, model.Card.ExampleInput);
        ValidationIssue[] errors = issues.Where(i => i.Severity == IssueSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new PluginQuarantineException($"the card's exampleInput of '{model.Id}' does not validate against its schema: {string.Join("; ", errors.Take(3).Select(e => $"{e.Path}: {e.Message}"))}. Every card example must be a valid request.");
        }

        var seconds = new Dictionary<string, double>(model.Card.ExampleMediaSeconds ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        PriceEstimate estimate = PriceCalculator.Estimate(model.Id, model.Pricing, normalized, seconds);
        if (estimate.TotalUsd > 0m || (model.Pricing.Free is not null && estimate.TotalUsd == 0m))
        {
            return;
        }

        if (model.Pricing.Confidence == Confidence.Unconfirmed && model.Pricing.Notes.Count > 0)
        {
            return;
        }

        string why = estimate.TotalUsd is null ? $"is unknown ({estimate.UnknownReason})" : $"is ${estimate.TotalUsd}";
        throw new PluginQuarantineException($"the card's exampleInput of '{model.Id}' {why}: an example must price to more than $0 (give media durations in card.exampleMediaSeconds), or mark the pricing rule \"confidence\": \"unconfirmed\" with the reason in its notes.");
    }
}

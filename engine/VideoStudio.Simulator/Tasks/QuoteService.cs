using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Simulator.Tasks;

/// <summary>
/// Prices an input with the engine's <see cref="PriceCalculator"/> and the plugin's rule. When the rule cannot
/// price it (unknown rate, unreadable media), a placeholder per-second price stands in and is flagged.
/// </summary>
internal sealed class QuoteService(SimulatorOptions options)
{
    public sealed record Quote(decimal Usd, bool Placeholder, PriceEstimate Estimate);

    /// <summary>What a task of <paramref name="modelId"/> quoted at <paramref name="quotedUsd"/> is really charged (<see cref="SimulatorOptions.ChargeFactors"/>).</summary>
    public decimal Charge(string modelId, decimal quotedUsd) =>
        options.ChargeFactors.TryGetValue(modelId, out decimal factor) ? Math.Round(quotedUsd * factor, 4, MidpointRounding.AwayFromZero) : quotedUsd;

    public Quote Price(ModelDefinition model, JsonObject normalizedInput, IReadOnlyDictionary<string, double> mediaSeconds)
    {
        PriceEstimate estimate = PriceCalculator.Estimate(model.Id, model.Pricing, normalizedInput, mediaSeconds);
        if (estimate.TotalUsd is decimal total)
        {
            return new Quote(total, false, estimate);
        }

        decimal seconds = estimate.BilledSeconds
            ?? (normalizedInput["duration"] is JsonValue v && v.TryGetValue(out decimal d) ? d : options.PlaceholderSeconds);
        return new Quote(Math.Round(seconds * options.PlaceholderUsdPerSecond, 4, MidpointRounding.AwayFromZero), true, estimate);
    }
}

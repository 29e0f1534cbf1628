using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;

namespace VideoStudio.Engine.Presentation;

public static partial class ApiViews
{
    /// <summary>`catalog check --json`: where one installed model differs from the provider's live catalogue.</summary>
    /// <param name="ModelId">The model.</param>
    /// <param name="Status"><c>ok</c>, <c>drift</c>, or <c>missing</c> (not in the live catalogue).</param>
    /// <param name="Differences">Each difference in words.</param>
    /// <param name="PluginEstimateUsd">Our price for the card's example input (null when unknown).</param>
    /// <param name="LiveQuoteUsd">The provider's quote for the same input (null when it gives none).</param>
    /// <param name="LiveFormula">The provider's price formula, for a person to compare with the pricing rule.</param>
    /// <param name="Notes">What was not compared, and why.</param>
    public sealed record CatalogDriftView(
        string ModelId, string Status, IReadOnlyList<string> Differences, decimal? PluginEstimateUsd, decimal? LiveQuoteUsd, string? LiveFormula, IReadOnlyList<string> Notes);

    /// <summary>Maps a drift report.</summary>
    public static CatalogDriftView[] Drift(IEnumerable<CatalogDrift> report) =>
        report.Select(d => new CatalogDriftView(d.ModelId, d.Status, d.Differences, d.PluginEstimateUsd, d.LiveQuoteUsd, d.LiveFormula, d.Notes)).ToArray();
}

namespace VideoStudio.Contracts;

/// <summary>Where a price comes from.</summary>
/// <param name="Confidence">How well the price is sourced (the weakest fact used).</param>
/// <param name="Source">The rule's source, e.g. a documentation URL or "product note".</param>
/// <param name="Notes">Open questions that affect the figure (rounding, minimums, conflicts).</param>
/// <param name="RuleVersion">Version of the pricing file the estimate was computed from.</param>
public sealed record PriceProvenance(Confidence Confidence, string Source, IReadOnlyList<string> Notes, string RuleVersion);

using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;

namespace VideoStudio.Engine.Pricing;

/// <summary>A validation and, when the input is valid, its price.</summary>
/// <param name="Validation">The validation outcome.</param>
/// <param name="Estimate">The price, or null when the input is invalid.</param>
public sealed record EstimateReport(ValidationReport Validation, PriceEstimate? Estimate);

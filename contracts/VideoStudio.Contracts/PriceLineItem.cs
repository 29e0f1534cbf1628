namespace VideoStudio.Contracts;

/// <summary>One line of an estimate.</summary>
/// <param name="Label">What the line is, e.g. <c>8 s × $0.026/s (720p)</c> or <c>generated audio ×2</c>.</param>
/// <param name="AmountUsd">What the line adds to the total, in USD.</param>
public sealed record PriceLineItem(string Label, decimal AmountUsd);

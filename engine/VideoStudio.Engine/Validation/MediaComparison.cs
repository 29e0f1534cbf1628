using VideoStudio.Contracts;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// One <c>x-media.against</c> entry: a fact probed from this media (its length, width, height, short or long side)
/// compared with another input's value, reported when the comparison holds (see <see cref="MediaFactChecks"/>).
/// </summary>
/// <param name="Fact"><c>seconds</c>, <c>width</c>, <c>height</c>, <c>shortSide</c> or <c>longSide</c>.</param>
/// <param name="Field">The input whose value it is compared with.</param>
/// <param name="When"><c>above</c>, <c>atLeast</c>, <c>below</c>, <c>atMost</c> or <c>equal</c> (within the tolerance): the fact against the value.</param>
/// <param name="Tolerance">For <c>above</c>, <c>below</c> and <c>equal</c>: differences up to this much are not reported (above, below) or still count as equal.</param>
/// <param name="Values">The field's values as numbers in the fact's unit, where they are not numbers already (e.g. <c>"2k": 1440</c>); <c>"720p"</c> reads as 720 without it.</param>
/// <param name="Code">The issue code reported.</param>
/// <param name="AtField">Whether the issue points at <paramref name="Field"/> (true) or at the media field.</param>
/// <param name="Severity">Warning (the default) or error.</param>
/// <param name="Effect">What happens to the output if the caller goes ahead, e.g. "only the start of the audio is used".</param>
/// <param name="Fix">What to do about it, naming the fields.</param>
public sealed record MediaComparison(
    string Fact,
    string Field,
    string When,
    double Tolerance,
    IReadOnlyDictionary<string, double>? Values,
    string Code,
    bool AtField,
    IssueSeverity Severity,
    string Effect,
    string Fix);

namespace VideoStudio.Engine.Validation;

/// <summary>
/// The value at which a field makes the whole request change nothing (<c>x-changes-nothing</c>: a speed of 1, a gain
/// of 0 dB). The engine reports it as <see cref="Contracts.ErrorCodes.ChangesNothing"/>, which a client asks the person
/// to confirm before submitting.
/// </summary>
/// <param name="Value">The field's do-nothing value.</param>
/// <param name="Effect">What the request does at that value.</param>
/// <param name="Fix">What to change.</param>
public sealed record NoChangeValue(decimal Value, string Effect, string Fix);

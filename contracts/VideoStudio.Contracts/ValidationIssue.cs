namespace VideoStudio.Contracts;

/// <summary>One problem found in a model input.</summary>
/// <param name="Path">JSON pointer of the offending value, e.g. <c>/duration</c>; empty for the whole input.</param>
/// <param name="Code">Stable machine-readable code; see <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What is wrong and how to fix it, naming the allowed values where there are some.</param>
/// <param name="Severity">Whether the issue blocks submission.</param>
public sealed record ValidationIssue(string Path, string Code, string Message, IssueSeverity Severity = IssueSeverity.Error);

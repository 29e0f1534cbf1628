using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>The outcome of validating one input for one model.</summary>
/// <param name="ModelId">The model's id (an alias is resolved).</param>
/// <param name="Errors">Problems that block submission.</param>
/// <param name="Warnings">Things to know that do not block it.</param>
/// <param name="NormalizedInput">The input with defaults applied and plugin normalisers run: what would be sent.</param>
/// <param name="Media">Probed facts per media field that could be read.</param>
public sealed record ValidationReport(
    string ModelId,
    IReadOnlyList<ValidationIssue> Errors,
    IReadOnlyList<ValidationIssue> Warnings,
    JsonObject NormalizedInput,
    IReadOnlyDictionary<string, MediaInfo> Media)
{
    /// <summary>True when nothing blocks submission.</summary>
    public bool Valid => Errors.Count == 0;
}

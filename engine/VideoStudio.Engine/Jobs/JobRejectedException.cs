using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>A job request refused before anything was stored or paid; carries the reasons.</summary>
public sealed class JobRejectedException(string message, IReadOnlyList<ValidationIssue> issues) : Exception(message)
{
    /// <summary>Field-level reasons (empty when the refusal is not about a field).</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; } = issues;
}

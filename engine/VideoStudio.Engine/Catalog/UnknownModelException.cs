using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// No model has the requested id or alias. Carries the closest known ids (nothing is routed to them) and, when a
/// plugin declares the name but was refused, why.
/// </summary>
public sealed class UnknownModelException(string requested, IReadOnlyList<string> suggestions, string? refusal = null)
    : Exception(Describe(requested, suggestions, refusal))
{
    /// <summary>The id or alias asked for.</summary>
    public string Requested { get; } = requested;

    /// <summary>The closest known ids and aliases.</summary>
    public IReadOnlyList<string> Suggestions { get; } = suggestions;

    /// <summary>Why the plugin that declares this name was refused; null when no plugin declares it.</summary>
    public string? Refusal { get; } = refusal;

    private static string Describe(string requested, IReadOnlyList<string> suggestions, string? refusal) =>
        refusal is not null
            ? $"Unknown model '{requested}': {refusal} Run 'videostudio plugins' to see every plugin's status."
            : suggestions.Count > 0
                ? $"Unknown model '{requested}'. Did you mean: {string.Join(", ", suggestions)}? Run 'videostudio models' to list every model."
                : $"Unknown model '{requested}'. Run 'videostudio models' to list every model.";
}

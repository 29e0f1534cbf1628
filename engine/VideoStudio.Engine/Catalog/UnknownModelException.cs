namespace VideoStudio.Engine.Catalog;

/// <summary>No model has the requested id or alias. Carries the closest known ids; nothing is routed to them.</summary>
public sealed class UnknownModelException(string requested, IReadOnlyList<string> suggestions)
    : Exception(suggestions.Count > 0
        ? $"Unknown model '{requested}'. Did you mean: {string.Join(", ", suggestions)}? Run 'videostudio models' to list every model."
        : $"Unknown model '{requested}'. Run 'videostudio models' to list every model.")
{
    /// <summary>The id or alias asked for.</summary>
    public string Requested { get; } = requested;

    /// <summary>The closest known ids and aliases.</summary>
    public IReadOnlyList<string> Suggestions { get; } = suggestions;
}

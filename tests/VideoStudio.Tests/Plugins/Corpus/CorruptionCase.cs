namespace VideoStudio.Tests.Plugins.Corpus;

/// <summary>One way to break a plugin folder: a name for the report and the edit applied to a copied folder.</summary>
/// <param name="Name">What was done, e.g. <c>truncate models/a.schema.json at 50%</c>.</param>
/// <param name="Apply">Edits the folder in place.</param>
/// <param name="MustQuarantine">True when no reading of the result is valid (truncation, depth, size).</param>
/// <param name="ReasonMentions">Text the quarantine reason must contain (the file or the limit), if any.</param>
public sealed record CorruptionCase(string Name, Action<string> Apply, bool MustQuarantine, string? ReasonMentions)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

using VideoStudio.Contracts;

namespace VideoStudio.Plugins.InfiniteTalk;

/// <summary>
/// InfiniteTalk's prompt should be short and in English (DOCUMENTED). A prompt written in a non-Latin script is
/// valid JSON and passes the schema, but is likely to be ignored or misread by the model. This rule warns (it does
/// not block) when the prompt contains letters from a non-Latin script. plugin.json binds it to the model.
/// </summary>
public sealed class EnglishPromptRule : IInputRule
{
    // End of Latin Extended-B: accented Latin letters (e.g. names) are not flagged.
    private const char LastLatinLetter = '\u024F';

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Input["prompt"]?.GetValue<string>() is string prompt && prompt.Any(c => char.IsLetter(c) && c > LastLatinLetter))
        {
            yield return new ValidationIssue(
                "/prompt",
                "prompt_not_english",
                "InfiniteTalk expects a short prompt in English; this one contains non-Latin text and may be ignored.",
                IssueSeverity.Warning);
        }
    }
}

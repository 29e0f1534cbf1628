using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Acme;

/// <summary>
/// An example rule, for what the schema cannot say: a very short prompt is allowed but warned about. The rule names
/// no model: plugin.json lists it in the "rules" of each model it checks. Limits on media, and a probed media fact
/// against an input value (audio longer than the clip...), are data: x-media in the schema. Delete this class, its
/// "rules" entry and "entryAssembly" (and plugin/*.csproj) if the data says everything: the plugin is then
/// plugin.json and models/ alone.
/// </summary>
public sealed class ShortPromptRule : IInputRule
{
    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Input["prompt"]?.GetValue<string>() is { Length: < 12 } prompt)
        {
            yield return new ValidationIssue("/prompt", "prompt_short", $"'{prompt}' is short; describe subject, motion and camera.", IssueSeverity.Warning);
        }
    }
}

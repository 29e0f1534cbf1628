using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Acme;

/// <summary>
/// An example rule, for what the schema cannot say: a very short prompt is allowed but warned about. Any class
/// implementing IInputRule, IInputNormalizer or IOutputMapper is registered by the host; delete this one if the
/// data says everything.
/// </summary>
public sealed class ShortPromptRule : IInputRule
{
    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "acme/hello-video/text-to-video";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Input["prompt"]?.GetValue<string>() is { Length: < 12 } prompt)
        {
            yield return new ValidationIssue("/prompt", "prompt_short", $"'{prompt}' is short; describe subject, motion and camera.", IssueSeverity.Warning);
        }
    }
}

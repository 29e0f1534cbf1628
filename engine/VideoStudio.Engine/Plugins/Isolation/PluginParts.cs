using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// Calls an extension point wherever its code runs: a worker's is awaited (no thread blocks on the pipe), an
/// in-process one is called directly (its task is already complete).
/// </summary>
internal static class PluginParts
{
    public static Task<bool> AppliesToAsync(IInputRule rule, ModelDescriptor model) =>
        rule is RemoteInputRule remote ? remote.AppliesToAsync(model) : Task.FromResult(rule.AppliesTo(model));

    public static Task<ValidationIssue[]> CheckAsync(IInputRule rule, ModelInputContext context) =>
        rule is RemoteInputRule remote ? remote.CheckAsync(context) : Task.FromResult(rule.Check(context).ToArray());

    public static Task<bool> AppliesToAsync(IInputNormalizer normalizer, ModelDescriptor model) =>
        normalizer is RemoteInputNormalizer remote ? remote.AppliesToAsync(model) : Task.FromResult(normalizer.AppliesTo(model));

    public static Task NormalizeAsync(IInputNormalizer normalizer, ModelInputContext context)
    {
        if (normalizer is RemoteInputNormalizer remote)
        {
            return remote.NormalizeAsync(context);
        }

        normalizer.Normalize(context);
        return Task.CompletedTask;
    }

    public static Task<bool> AppliesToAsync(IOutputMapper mapper, ModelDescriptor model) =>
        mapper is RemoteOutputMapper remote ? remote.AppliesToAsync(model) : Task.FromResult(mapper.AppliesTo(model));

    public static Task<IReadOnlyList<OutputItem>> MapAsync(IOutputMapper mapper, ModelDescriptor model, IReadOnlyList<string> outputs) =>
        mapper is RemoteOutputMapper remote ? remote.MapAsync(model, outputs) : Task.FromResult<IReadOnlyList<OutputItem>>(mapper.Map(model, outputs).ToArray());
}

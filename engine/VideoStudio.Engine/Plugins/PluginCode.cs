using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>The extension points one plugin's code provides, resolved from the plugin's own service provider.</summary>
/// <param name="Rules">Every input rule in the plugin's code.</param>
/// <param name="Normalizers">Its input normalisers.</param>
/// <param name="OutputMappers">Its output mappers.</param>
public sealed record PluginCode(
    IReadOnlyList<IInputRule> Rules,
    IReadOnlyList<IInputNormalizer> Normalizers,
    IReadOnlyList<IOutputMapper> OutputMappers)
{
    /// <summary>A plugin without code (data-only, or code that failed to load).</summary>
    public static PluginCode None { get; } = new([], [], []);

    /// <summary>
    /// The rules the manifest binds to each model id (<see cref="RuleBinding"/>); null when the manifest binds none
    /// (a plugin written for contracts 1.0), and each rule's <c>AppliesTo</c> then decides.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IInputRule>>? RulesByModel { get; init; }

    /// <summary>Whether <c>AppliesTo</c> must be asked before running a rule (the manifest binds none).</summary>
    public bool AsksAppliesTo => RulesByModel is null;

    /// <summary>The rules to run for <paramref name="modelId"/>: those its manifest entry lists, or every rule when the manifest binds none.</summary>
    public IReadOnlyList<IInputRule> RulesFor(string modelId) =>
        RulesByModel is null ? Rules : RulesByModel.GetValueOrDefault(modelId) ?? [];
}

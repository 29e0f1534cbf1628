using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// Binds a plugin's input rules to its models from the manifest: each model entry's <c>rules</c> lists rule class
/// names, so the code names no model id. A manifest that lists no rules anywhere keeps the contracts 1.0 behaviour
/// (each rule's <c>AppliesTo</c> decides). Every name must match exactly one rule, and every rule must be listed
/// somewhere, or the plugin's code is refused with the reason.
/// </summary>
internal static class RuleBinding
{
    /// <summary>The rules per model id, or null when the manifest binds none; throws <see cref="PluginQuarantineException"/> naming the mismatch and the fix.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IInputRule>>? Bind(PluginManifest manifest, IReadOnlyList<IInputRule> rules)
    {
        if (manifest.Models.All(m => m.Rules is null))
        {
            return null;
        }

        var byName = new Dictionary<string, IInputRule>(StringComparer.Ordinal);
        foreach (IInputRule rule in rules)
        {
            if (!byName.TryAdd(rule.GetType().Name, rule))
            {
                throw new PluginQuarantineException($"{manifest.EntryAssembly} has two input rules named '{rule.GetType().Name}'; plugin.json binds rules by class name, so rename one.");
            }
        }

        var bound = new Dictionary<string, IReadOnlyList<IInputRule>>(StringComparer.Ordinal);
        foreach (ManifestModel model in manifest.Models)
        {
            bound[model.Id] = (model.Rules ?? []).Select(name => byName.GetValueOrDefault(name) ?? throw new PluginQuarantineException(
                $"plugin.json lists rule '{name}' for model '{model.Id}', but {manifest.EntryAssembly} has no IInputRule class of that name (it has: {Names(byName.Keys)}). Fix the name in 'rules' or add the class.")).ToArray();
        }

        string[] unbound = byName.Keys.Where(name => !manifest.Models.Any(m => m.Rules?.Contains(name, StringComparer.Ordinal) == true)).ToArray();
        if (unbound.Length > 0)
        {
            throw new PluginQuarantineException($"{manifest.EntryAssembly} has input rule(s) {Names(unbound)} that no model in plugin.json lists in 'rules'; add each to the models it checks, or delete it.");
        }

        return bound;
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Select(n => $"'{n}'")) : "none";
}

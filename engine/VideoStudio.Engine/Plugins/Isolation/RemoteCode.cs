using System.Text.RegularExpressions;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// A worker's activation turned into the host's <see cref="PluginCode"/>: one proxy per extension point. The answer is
/// checked like any other untrusted input (names are identifiers, indexes in range, bound models are the manifest's).
/// </summary>
internal static partial class RemoteCode
{
    /// <summary>The proxies for <paramref name="activation"/>; throws <see cref="PluginQuarantineException"/> for an answer the host cannot have asked for.</summary>
    public static PluginCode From(PluginWorker worker, WorkerActivation activation, PluginManifest manifest)
    {
        string[] names = [.. activation.Rules, .. activation.Normalizers, .. activation.OutputMappers];
        if (names.Any(n => !Identifier().IsMatch(n)))
        {
            throw Refused(worker, "its extension points' names are not class names");
        }

        IInputRule[] rules = activation.Rules.Select((name, i) => (IInputRule)new RemoteInputRule(worker, i, name)).ToArray();
        Dictionary<string, IReadOnlyList<IInputRule>>? byModel = null;
        if (activation.RulesByModel is { } bound)
        {
            if (bound.Keys.Any(id => !manifest.Models.Any(m => m.Id == id)) || bound.Values.Any(list => list.Any(i => i < 0 || i >= rules.Length)))
            {
                throw Refused(worker, "it bound rules to models or rules the manifest does not have");
            }

            byModel = bound.ToDictionary(b => b.Key, b => (IReadOnlyList<IInputRule>)b.Value.Select(i => rules[i]).ToArray(), StringComparer.Ordinal);
        }

        return new PluginCode(
            rules,
            activation.Normalizers.Select((name, i) => (IInputNormalizer)new RemoteInputNormalizer(worker, i, name)).ToArray(),
            activation.OutputMappers.Select((name, i) => (IOutputMapper)new RemoteOutputMapper(worker, i, name)).ToArray())
        {
            RulesByModel = byModel,
        };
    }

    private static PluginQuarantineException Refused(PluginWorker worker, string why) =>
        new($"plugin '{worker.PluginId}': its worker's activation answer was refused ({why}).");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,199}$")]
    private static partial Regex Identifier();
}

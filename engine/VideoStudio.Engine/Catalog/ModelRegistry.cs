using System.Collections.Frozen;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// Immutable map from exact model id or declared alias to model. There is no fuzzy routing: anything else is
/// unknown, with suggestions in the error.
/// </summary>
public sealed class ModelRegistry
{
    private readonly FrozenDictionary<string, ModelDefinition> byName;
    private readonly FrozenDictionary<string, string> refused;

    /// <summary>Builds the registry; names must already be unique (discovery refuses conflicts).</summary>
    /// <param name="models">The models served.</param>
    /// <param name="refusals">For names declared by a refused plugin: why (said when such a name is asked for).</param>
    public ModelRegistry(IEnumerable<ModelDefinition> models, IReadOnlyDictionary<string, string>? refusals = null)
    {
        refused = (refusals ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
        Models = models.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        byName = Models
            .SelectMany(m => m.Descriptor.Aliases.Prepend(m.Id).Select(name => KeyValuePair.Create(name, m)))
            .ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All models, ordered by id.</summary>
    public IReadOnlyList<ModelDefinition> Models { get; }

    /// <summary>Finds a model by exact id or alias, or null.</summary>
    public ModelDefinition? TryFind(string idOrAlias) => byName.GetValueOrDefault(idOrAlias.Trim());

    /// <summary>Finds a model by exact id or alias.</summary>
    /// <exception cref="UnknownModelException">No model has that name.</exception>
    public ModelDefinition Find(string idOrAlias) =>
        TryFind(idOrAlias) ?? throw new UnknownModelException(idOrAlias, Suggestions.Closest(idOrAlias, byName.Keys), RefusalOf(idOrAlias));

    /// <summary>Why a name is not served although a plugin declares it (its plugin was refused), or null.</summary>
    public string? RefusalOf(string idOrAlias) => byName.ContainsKey(idOrAlias.Trim()) ? null : refused.GetValueOrDefault(idOrAlias.Trim());
}

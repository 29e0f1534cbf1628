using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Plugins.Isolation;

namespace VideoStudio.Engine.Catalog;

/// <summary>
/// One snapshot of plugin discovery: every plugin found, the model registry, each plugin's code and its run-time
/// health. Immutable apart from health; a reload builds a new snapshot and requests keep the one they started with.
/// </summary>
public sealed class PluginCatalog
{
    private readonly IReadOnlyList<PluginInfo> found;
    private readonly IReadOnlyDictionary<string, PluginCode> code;
    private readonly PluginCallBudget? budget;
    private IReadOnlyDictionary<string, EstimateReport> examples = new Dictionary<string, EstimateReport>();

    /// <summary>Creates the snapshot; with a <paramref name="budget"/>, output mappers run on it (rules and normalisers are budgeted by the pipeline).</summary>
    public PluginCatalog(IReadOnlyList<PluginInfo> plugins, ModelRegistry registry, IReadOnlyDictionary<string, PluginCode> code, PluginCallBudget? budget = null, PluginHealth? health = null)
    {
        found = plugins;
        Registry = registry;
        this.code = code;
        this.budget = budget;
        Health = health ?? new PluginHealth();
    }

    /// <summary>The worker processes of this snapshot's out-of-process plugins; ended when the snapshot is replaced.</summary>
    internal PluginWorkerSet Workers { get; init; } = PluginWorkerSet.Empty;

    /// <summary>In-process plugins' code activated on first use (<see cref="DeferredPluginCode"/>), by plugin id.</summary>
    internal IReadOnlyDictionary<string, DeferredPluginCode> DeferredCode { get; init; } = new Dictionary<string, DeferredPluginCode>();

    /// <summary>
    /// Every plugin folder found, with its status (an active plugin whose code ran past its budget shows as
    /// <see cref="PluginStatus.Degraded"/>; one whose deferred code failed when first needed, as
    /// <see cref="PluginStatus.CodeFailed"/>) and reason. Reading it activates no plugin code.
    /// </summary>
    public IReadOnlyList<PluginInfo> Plugins => found.Select(p => WithRunTimeStatus(p, activate: false) is var known && known.Status == PluginStatus.Active && Health.DegradedReason(p.Id) is string why
        ? known with { Status = PluginStatus.Degraded, Reason = why }
        : known).ToArray();

    /// <summary>The models of every plugin that is not quarantined.</summary>
    public ModelRegistry Registry { get; }

    /// <summary>Run-time health of this snapshot's plugins.</summary>
    public PluginHealth Health { get; }

    /// <summary>The model's card example as validated and priced when its plugin was loaded, or null when it was not planned then.</summary>
    public EstimateReport? ExampleOf(ModelDefinition model) => examples.GetValueOrDefault(model.Id);

    /// <summary>Keeps the card examples planned at load (discovery calls this once, before publishing the snapshot).</summary>
    internal void KeepExamples(IReadOnlyDictionary<string, EstimateReport> planned) => examples = planned;

    /// <summary>The extension points of a model's plugin (none when its code is absent or failed).</summary>
    /// <remarks>Deferred code is activated here when the model needs it (<see cref="DeferredPluginCode.IsNeededFor"/>).</remarks>
    public PluginCode CodeFor(ModelDefinition model) =>
        code.GetValueOrDefault(model.Descriptor.PluginId)
        ?? (DeferredCode.GetValueOrDefault(model.Descriptor.PluginId) is { } deferred && deferred.IsNeededFor(model.Id) ? deferred.Code : PluginCode.None);

    /// <summary>
    /// The plugin that provides a model, with its load-time status: a plugin degraded at run time still takes
    /// requests (each call into its code stays budgeted and fails closed on its own), so this is not the place to refuse them.
    /// </summary>
    /// <remarks>A plugin whose code was deferred is activated here, so the status answers whether its models can run.</remarks>
    public PluginInfo PluginOf(ModelDefinition model) =>
        WithRunTimeStatus(found.First(p => p.Id == model.Descriptor.PluginId && p.Status != PluginStatus.Quarantined), activate: true);

    // The load-time status, or CodeFailed when the plugin's deferred code failed (activating it first when asked to).
    private PluginInfo WithRunTimeStatus(PluginInfo plugin, bool activate) =>
        plugin.Status == PluginStatus.Active && DeferredCode.GetValueOrDefault(plugin.Id) is DeferredPluginCode deferred && (activate ? deferred.Failure : deferred.FailureSoFar) is string failed
            ? plugin with { Status = PluginStatus.CodeFailed, Reason = failed }
            : plugin;

    /// <summary>
    /// A finished task's outputs as the model's plugin maps them (its first output mapper that applies), or null when
    /// none applies. Each call into the plugin runs on the call budget: past it, <see cref="PluginCallTimeoutException"/>.
    /// </summary>
    public async Task<IReadOnlyList<Contracts.OutputItem>?> MapOutputsAsync(ModelDefinition model, IReadOnlyList<string> providerOutputs, CancellationToken cancellationToken)
    {
        string plugin = model.Descriptor.PluginId;
        foreach (Contracts.IOutputMapper mapper in CodeFor(model).OutputMappers)
        {
            string what = $"output mapper {PluginPartName.Of(mapper)}";
            if (await CallAsync(plugin, what, mapper, () => PluginParts.AppliesToAsync(mapper, model.Descriptor), cancellationToken).ConfigureAwait(false))
            {
                return await CallAsync(plugin, what, mapper, () => PluginParts.MapAsync(mapper, model.Descriptor, providerOutputs), cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    private Task<T> CallAsync<T>(string pluginId, string what, object part, Func<Task<T>> call, CancellationToken cancellationToken) =>
        budget is null ? call()
        : part is IPluginPart ? budget.RunRemoteAsync(Health, pluginId, what, call, cancellationToken)
        : budget.RunAsync(Health, pluginId, what, () => call().GetAwaiter().GetResult(), cancellationToken);
}

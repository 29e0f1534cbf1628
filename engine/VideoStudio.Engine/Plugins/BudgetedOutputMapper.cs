using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>A plugin's <see cref="IOutputMapper"/> behind the call budget: a mapper that hangs fails the job's mapping instead of holding it.</summary>
internal sealed class BudgetedOutputMapper(IOutputMapper inner, string pluginId, PluginCallBudget budget, PluginHealth health) : IOutputMapper
{
    public bool AppliesTo(ModelDescriptor model) =>
        budget.Run(health, pluginId, $"output mapper {inner.GetType().Name}", () => inner.AppliesTo(model));

    public IReadOnlyList<OutputItem> Map(ModelDescriptor model, IReadOnlyList<string> providerOutputs) =>
        budget.Run(health, pluginId, $"output mapper {inner.GetType().Name}", () => inner.Map(model, providerOutputs).ToArray());
}

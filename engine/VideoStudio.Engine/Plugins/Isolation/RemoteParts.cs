using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>An <see cref="IInputRule"/> of a plugin running in its worker: each method is one call (the host awaits the async forms, <see cref="PluginParts"/>).</summary>
internal sealed class RemoteInputRule(PluginWorker worker, int index, string name) : IInputRule, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) => AppliesToAsync(model).GetAwaiter().GetResult();

    public IEnumerable<ValidationIssue> Check(ModelInputContext context) => CheckAsync(context).GetAwaiter().GetResult();

    public Task<bool> AppliesToAsync(ModelDescriptor model) =>
        worker.CallAsync<bool>($"rule {name}", WorkerProtocol.AppliesTo, [WorkerPart.Rule, index, model]);

    public Task<ValidationIssue[]> CheckAsync(ModelInputContext context) =>
        worker.CallAsync<ValidationIssue[]>($"rule {name}", WorkerProtocol.Check, [index, WorkerInput.Of(context)]);
}

/// <summary>An <see cref="IInputNormalizer"/> in a worker: the edited input comes back whole and replaces the context's.</summary>
internal sealed class RemoteInputNormalizer(PluginWorker worker, int index, string name) : IInputNormalizer, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) => AppliesToAsync(model).GetAwaiter().GetResult();

    public void Normalize(ModelInputContext context) => NormalizeAsync(context).GetAwaiter().GetResult();

    public Task<bool> AppliesToAsync(ModelDescriptor model) =>
        worker.CallAsync<bool>($"normaliser {name}", WorkerProtocol.AppliesTo, [WorkerPart.Normalizer, index, model]);

    public async Task NormalizeAsync(ModelInputContext context)
    {
        string edited = await worker.CallAsync<string>($"normaliser {name}", WorkerProtocol.Normalize, [index, WorkerInput.Of(context)]).ConfigureAwait(false);
        JsonObject result = (JsonNode.Parse(edited) as JsonObject)
            ?? throw new PluginWorkerException(worker.PluginId, $"the normaliser {name} of plugin '{worker.PluginId}' answered something other than a JSON object");
        context.Input.Clear();
        foreach (string key in result.Select(p => p.Key).ToArray())
        {
            JsonNode? value = result[key];
            result.Remove(key);
            context.Input[key] = value;
        }
    }
}

/// <summary>An <see cref="IOutputMapper"/> in a worker.</summary>
internal sealed class RemoteOutputMapper(PluginWorker worker, int index, string name) : IOutputMapper, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) => AppliesToAsync(model).GetAwaiter().GetResult();

    public IReadOnlyList<OutputItem> Map(ModelDescriptor model, IReadOnlyList<string> providerOutputs) => MapAsync(model, providerOutputs).GetAwaiter().GetResult();

    public Task<bool> AppliesToAsync(ModelDescriptor model) =>
        worker.CallAsync<bool>($"output mapper {name}", WorkerProtocol.AppliesTo, [WorkerPart.OutputMapper, index, model]);

    public async Task<IReadOnlyList<OutputItem>> MapAsync(ModelDescriptor model, IReadOnlyList<string> providerOutputs) =>
        await worker.CallAsync<OutputItem[]>($"output mapper {name}", WorkerProtocol.Map, [index, model, providerOutputs.ToArray()]).ConfigureAwait(false);
}

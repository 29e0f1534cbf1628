using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>An <see cref="IInputRule"/> of a plugin running in its worker: each method is one call, on the call budget.</summary>
internal sealed class RemoteInputRule(PluginWorker worker, int index, string name) : IInputRule, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) =>
        worker.Call<bool>($"rule {name}", WorkerProtocol.AppliesTo, WorkerPart.Rule, index, model);

    public IEnumerable<ValidationIssue> Check(ModelInputContext context) =>
        worker.Call<ValidationIssue[]>($"rule {name}", WorkerProtocol.Check, index, WorkerInput.Of(context));
}

/// <summary>An <see cref="IInputNormalizer"/> in a worker: the edited input comes back whole and replaces the context's.</summary>
internal sealed class RemoteInputNormalizer(PluginWorker worker, int index, string name) : IInputNormalizer, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) =>
        worker.Call<bool>($"normaliser {name}", WorkerProtocol.AppliesTo, WorkerPart.Normalizer, index, model);

    public void Normalize(ModelInputContext context)
    {
        string edited = worker.Call<string>($"normaliser {name}", WorkerProtocol.Normalize, index, WorkerInput.Of(context));
        System.Text.Json.Nodes.JsonObject result = System.Text.Json.Nodes.JsonNode.Parse(edited) as System.Text.Json.Nodes.JsonObject
            ?? throw new PluginWorkerException(context.Model.PluginId, $"the normaliser {name} of plugin '{context.Model.PluginId}' answered something other than a JSON object");
        context.Input.Clear();
        foreach (string key in result.Select(p => p.Key).ToArray())
        {
            System.Text.Json.Nodes.JsonNode? value = result[key];
            result.Remove(key);
            context.Input[key] = value;
        }
    }
}

/// <summary>An <see cref="IOutputMapper"/> in a worker.</summary>
internal sealed class RemoteOutputMapper(PluginWorker worker, int index, string name) : IOutputMapper, IPluginPart
{
    public string Name => name;

    public bool AppliesTo(ModelDescriptor model) =>
        worker.Call<bool>($"output mapper {name}", WorkerProtocol.AppliesTo, WorkerPart.OutputMapper, index, model);

    public IReadOnlyList<OutputItem> Map(ModelDescriptor model, IReadOnlyList<string> providerOutputs) =>
        worker.Call<OutputItem[]>($"output mapper {name}", WorkerProtocol.Map, index, model, providerOutputs.ToArray());
}

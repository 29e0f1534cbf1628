using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJsonRpc;
using VideoStudio.Contracts;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Plugins.Isolation;

namespace VideoStudio.PluginWorker;

/// <summary>
/// The worker's RPC methods (<see cref="WorkerProtocol"/>): the plugin's code is activated exactly as the host would
/// activate it in process (<see cref="PluginCodeActivator"/>), then each call runs one extension point on the input
/// the host sends. A failure in the plugin's code is answered with its exception's type name only.
/// </summary>
internal sealed class WorkerService
{
    private PluginCode code = PluginCode.None;

    [JsonRpcMethod(WorkerProtocol.Activate)]
    public WorkerActivation Activate(string manifestJson, string directory, ModelDescriptor[] models)
    {
        PluginManifest manifest = JsonSerializer.Deserialize(manifestJson, PluginManifestJson.Manifest)
            ?? throw new LocalRpcException("the manifest sent to the worker is empty") { ErrorCode = WorkerProtocol.ActivationFailed };
        var activator = new PluginCodeActivator(new McMasterPluginCodeLoader(), NullLoggerFactory.Instance, TimeProvider.System);
        try
        {
            (code, _) = activator.Activate(manifest, directory, models);
        }
        catch (PluginQuarantineException ex)
        {
            throw new LocalRpcException(ex.Message) { ErrorCode = WorkerProtocol.ActivationFailed };
        }

        IInputRule[] rules = [.. code.Rules];
        return new WorkerActivation(
            [.. rules.Select(r => r.GetType().Name)],
            [.. code.Normalizers.Select(n => n.GetType().Name)],
            [.. code.OutputMappers.Select(m => m.GetType().Name)],
            code.RulesByModel?.ToDictionary(b => b.Key, b => b.Value.Select(r => Array.IndexOf(rules, r)).ToArray(), StringComparer.Ordinal));
    }

    [JsonRpcMethod(WorkerProtocol.AppliesTo)]
    public bool AppliesTo(WorkerPart part, int index, ModelDescriptor model) => Run(() => part switch
    {
        WorkerPart.Rule => code.Rules[index].AppliesTo(model),
        WorkerPart.Normalizer => code.Normalizers[index].AppliesTo(model),
        _ => code.OutputMappers[index].AppliesTo(model),
    });

    [JsonRpcMethod(WorkerProtocol.Check)]
    public ValidationIssue[] Check(int rule, WorkerInput input) => Run(() => code.Rules[rule].Check(input.ToContext()).ToArray());

    [JsonRpcMethod(WorkerProtocol.Normalize)]
    public string Normalize(int normalizer, WorkerInput input) => Run(() =>
    {
        ModelInputContext context = input.ToContext();
        code.Normalizers[normalizer].Normalize(context);
        return context.Input.ToJsonString();
    });

    [JsonRpcMethod(WorkerProtocol.Map)]
    public OutputItem[] Map(int mapper, ModelDescriptor model, string[] outputs) => Run(() => code.OutputMappers[mapper].Map(model, outputs).ToArray());

    private static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            // Only the type: the message is the plugin's text, and the host reports failures in its own words.
            throw new LocalRpcException(ex.GetType().Name) { ErrorCode = WorkerProtocol.PluginThrew };
        }
    }
}

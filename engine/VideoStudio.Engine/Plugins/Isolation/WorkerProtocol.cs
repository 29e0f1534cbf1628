using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// The JSON-RPC methods a plugin worker serves (StreamJsonRpc over the worker's standard input and output). Every
/// call names an extension point by its index in the lists <see cref="WorkerActivation"/> returned.
/// </summary>
public static class WorkerProtocol
{
    /// <summary><c>Activate(string manifestJson, string directory, ModelDescriptor[] models) → WorkerActivation</c>.</summary>
    public const string Activate = "activate";

    /// <summary><c>AppliesTo(WorkerPart part, int index, ModelDescriptor model) → bool</c>.</summary>
    public const string AppliesTo = "appliesTo";

    /// <summary><c>Check(int rule, WorkerInput input) → ValidationIssue[]</c>.</summary>
    public const string Check = "check";

    /// <summary><c>Normalize(int normalizer, WorkerInput input) → string</c> (the edited input as JSON text).</summary>
    public const string Normalize = "normalize";

    /// <summary><c>Map(int mapper, ModelDescriptor model, string[] outputs) → OutputItem[]</c>.</summary>
    public const string Map = "map";

    /// <summary>JSON-RPC error code of a call the plugin's code threw from (the message is only the exception's type name).</summary>
    public const int PluginThrew = -32000;

    /// <summary>JSON-RPC error code of code that could not be activated (the message is the quarantine reason).</summary>
    public const int ActivationFailed = -32001;

    /// <summary>File name of the worker assembly, which every host carries beside itself.</summary>
    public const string WorkerAssemblyFileName = "VideoStudio.PluginWorker.dll";
}

/// <summary>Which kind of extension point a call addresses.</summary>
public enum WorkerPart
{
    /// <summary>An <see cref="IInputRule"/>.</summary>
    Rule,

    /// <summary>An <see cref="IInputNormalizer"/>.</summary>
    Normalizer,

    /// <summary>An <see cref="IOutputMapper"/>.</summary>
    OutputMapper,
}

/// <summary>What a worker activated: the class name of each extension point, in registration order.</summary>
/// <param name="Rules">Input rules.</param>
/// <param name="Normalizers">Input normalisers.</param>
/// <param name="OutputMappers">Output mappers.</param>
/// <param name="RulesByModel">Rule indexes per model id as the manifest binds them; null when it binds none.</param>
public sealed record WorkerActivation(string[] Rules, string[] Normalizers, string[] OutputMappers, Dictionary<string, int[]>? RulesByModel);

/// <summary>A <see cref="ModelInputContext"/> on the wire (the input as JSON text).</summary>
/// <param name="Model">The model.</param>
/// <param name="Input">The normalised input, as JSON text.</param>
/// <param name="Media">Probed facts per media field.</param>
public sealed record WorkerInput(ModelDescriptor Model, string Input, Dictionary<string, MediaInfo> Media)
{
    /// <summary>The wire form of <paramref name="context"/>.</summary>
    public static WorkerInput Of(ModelInputContext context) =>
        new(context.Model, context.Input.ToJsonString(), new Dictionary<string, MediaInfo>(context.Media, StringComparer.Ordinal));

    /// <summary>The context the plugin's code is handed, with a fresh copy of the input.</summary>
    public ModelInputContext ToContext() =>
        new(Model, JsonNode.Parse(Input)?.AsObject() ?? [], Media);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Output;

/// <summary>
/// Source-generated writing of the read-only commands' <c>--json</c> answers (models, plugins, estimate, validate):
/// exactly <see cref="Json.Indented"/>'s conventions, without the reflection (and runtime code generation) the first
/// serialization of a type costs a process that lives for one answer.
/// </summary>
[JsonSerializable(typeof(ApiViews.ModelSummary[]))]
[JsonSerializable(typeof(ApiViews.PluginView[]))]
[JsonSerializable(typeof(ApiViews.EstimateView))]
[JsonSerializable(typeof(ApiViews.ValidationView))]
internal sealed partial class ReadOnlyJson : JsonSerializerContext
{
    private static readonly JsonSerializerOptions Indented = new(Json.With(new ReadOnlyJson())) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as indented JSON to stdout, as <see cref="Terminal.WriteJson{T}"/> does.</summary>
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Indented.GetTypeInfo(typeof(T))));
}

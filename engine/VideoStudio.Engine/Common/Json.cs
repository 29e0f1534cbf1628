using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VideoStudio.Engine.Common;

/// <summary>The one set of JSON conventions the engine reads and writes: camelCase, kebab-case enums.</summary>
public static class Json
{
    /// <summary>Options for data files and API/CLI output.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Same as <see cref="Options"/>, indented for people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>The same conventions with a source-generated <paramref name="resolver"/> (no reflection on the start path).</summary>
    public static JsonSerializerOptions With(IJsonTypeInfoResolver resolver) => Create(indented: false, resolver);

    private static JsonSerializerOptions Create(bool indented, IJsonTypeInfoResolver? resolver = null)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        if (resolver is not null)
        {
            options.TypeInfoResolver = resolver;
        }

        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new TaskKindJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

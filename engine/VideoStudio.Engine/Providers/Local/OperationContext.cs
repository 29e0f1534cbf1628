using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>What an operation builds its FFmpeg run from.</summary>
/// <param name="Input">The model input as submitted.</param>
/// <param name="Files">Local path of each media field present.</param>
/// <param name="Facts">What FFprobe says of each media field present.</param>
/// <param name="TaskDirectory">The task's own folder (for files FFmpeg reads, such as overlay text).</param>
/// <param name="OutputPath">Where the output is written.</param>
public sealed record OperationContext(JsonObject Input, IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, MediaFacts> Facts, string TaskDirectory, string OutputPath)
{
    /// <summary>The path of the media field <paramref name="field"/>.</summary>
    public string File(string field) => Files.TryGetValue(field, out string? path) ? path : throw new LocalOperationException($"'{field}' is required.");

    /// <summary>FFprobe's facts of the media field <paramref name="field"/>.</summary>
    public MediaFacts FactsOf(string field) => Facts.TryGetValue(field, out MediaFacts? facts) ? facts : throw new LocalOperationException($"'{field}' is required.");

    /// <summary>A number field, <paramref name="fallback"/> when absent; refused outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Number(string field, double fallback, double min, double max)
    {
        double value = Input[field] switch
        {
            null => fallback,
            // A value built in code keeps its CLR type (an int is not TryGetValue<double>): read the number as JSON says it.
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new LocalOperationException($"'{field}' must be a number."),
        };
        return double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new LocalOperationException($"'{field}' must be between {min} and {max} (got {value}).");
    }

    /// <summary>An optional number field, or null.</summary>
    public double? OptionalNumber(string field, double min, double max) =>
        Input[field] is null ? null : Number(field, 0, min, max);

    /// <summary>A string field, <paramref name="fallback"/> when absent; refused unless one of <paramref name="allowed"/> when given.</summary>
    public string Text(string field, string? fallback, params string[] allowed)
    {
        string? value = Input[field] is JsonValue v && v.TryGetValue(out string? s) ? s : fallback;
        if (value is null)
        {
            throw new LocalOperationException($"'{field}' is required.");
        }

        return allowed.Length == 0 || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new LocalOperationException($"'{field}' must be one of {string.Join(", ", allowed)} (got '{value}').");
    }

    /// <summary>A file in the task's folder for FFmpeg to read, written with <paramref name="content"/>.</summary>
    public string WriteTaskFile(string name, string content)
    {
        string path = Path.Combine(TaskDirectory, name);
        System.IO.File.WriteAllText(path, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}

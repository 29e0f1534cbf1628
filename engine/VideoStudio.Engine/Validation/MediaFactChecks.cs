using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// Probed media facts against input values, declared as data (<c>x-media.against</c>): audio longer than the clip's
/// <c>duration</c>, a video already at its upscale target, an image smaller than the output tier. One mechanism for
/// what each plugin once wrote as its own rule; the issue names both fields, the effect and the fix.
/// </summary>
internal static class MediaFactChecks
{
    /// <summary>Checks every declared comparison whose media was probed and whose input value is a number.</summary>
    public static IEnumerable<ValidationIssue> Check(InputSchema schema, JsonObject input, IReadOnlyDictionary<string, MediaInfo> media)
    {
        foreach (InputField field in schema.Fields.Where(f => f.Media?.Against is { Count: > 0 }))
        {
            if (!media.TryGetValue(field.Name, out MediaInfo? info))
            {
                continue;
            }

            foreach (MediaComparison c in field.Media!.Against!)
            {
                if (FactOf(info, c.Fact) is double fact && ValueOf(input[c.Field], c.Values) is double value && Holds(fact, value, c))
                {
                    string unit = c.Fact == "seconds" ? "s" : "px";
                    yield return new ValidationIssue(
                        "/" + (c.AtField ? c.Field : field.Name),
                        c.Code,
                        $"/{field.Name} is {FactText(info, c.Fact)}, {Relation(c.When)} /{c.Field} ({ValueText(input[c.Field]!, value, unit)}): {c.Effect.TrimEnd('.')}. {c.Fix}",
                        c.Severity);
                }
            }
        }
    }

    /// <summary>
    /// What is wrong with a schema's declared comparisons (empty when nothing): each must name another, non-media
    /// field, a fact the media kind has, and every allowed value of that field must read as a number.
    /// </summary>
    public static IEnumerable<string> Problems(InputSchema schema)
    {
        foreach (InputField field in schema.Fields.Where(f => f.Media?.Against is { Count: > 0 }))
        {
            foreach (MediaComparison c in field.Media!.Against!)
            {
                string where = $"x-media.against of '{field.Name}'";
                InputField? other = schema.Fields.FirstOrDefault(f => f.Name == c.Field);
                if (other is null || other == field || other.Media is not null)
                {
                    yield return $"{where} compares with '{c.Field}', which is not another non-media field of this schema; name one of: {string.Join(", ", schema.Fields.Where(f => f.Media is null).Select(f => f.Name))}.";
                    continue;
                }

                if (c.Fact == "seconds" ? field.Media.Kind == MediaKind.Image : field.Media.Kind == MediaKind.Audio)
                {
                    yield return $"{where} compares its '{c.Fact}', which {Article(field.Media.Kind)} does not have; use {(field.Media.Kind == MediaKind.Image ? "width, height, shortSide or longSide" : field.Media.Kind == MediaKind.Audio ? "seconds" : "seconds, width, height, shortSide or longSide")}.";
                }

                foreach (JsonNode? allowed in other.AllowedValues.Where(v => ValueOf(v, c.Values) is null))
                {
                    yield return $"{where}: the value {allowed?.ToJsonString() ?? "null"} of '{c.Field}' does not read as a number; map it in 'values' (e.g. \"2k\": 1440).";
                }
            }
        }
    }

    private static double? FactOf(MediaInfo info, string fact) => fact switch
    {
        "seconds" => info.DurationSeconds,
        "width" => info.Width,
        "height" => info.Height,
        "shortSide" => info.Width is int w && info.Height is int h ? Math.Min(w, h) : null,
        "longSide" => info.Width is int w2 && info.Height is int h2 ? Math.Max(w2, h2) : null,
        _ => null,
    };

    // A number, a mapped value, or a tier such as "1080p"; anything else is not compared.
    private static double? ValueOf(JsonNode? node, IReadOnlyDictionary<string, double>? values)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (JsonNumbers.TryGetDecimal(value, out decimal number))
        {
            return (double)number;
        }

        if (!value.TryGetValue(out string? text))
        {
            return null;
        }

        if (values is not null && values.TryGetValue(text, out double mapped))
        {
            return mapped;
        }

        return double.TryParse(text.EndsWith('p') ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) ? n : null;
    }

    private static bool Holds(double fact, double value, MediaComparison c) => c.When switch
    {
        "above" => fact > value + c.Tolerance,
        "atLeast" => fact >= value,
        "below" => fact < value - c.Tolerance,
        "atMost" => fact <= value,
        "equal" => Math.Abs(fact - value) <= c.Tolerance,
        _ => false,
    };

    private static string FactText(MediaInfo info, string fact) => fact switch
    {
        "seconds" => Invariant($"{info.DurationSeconds:0.#} s long"),
        "width" => Invariant($"{info.Width} px wide"),
        "height" => Invariant($"{info.Height} px high"),
        "shortSide" => Invariant($"{info.Width}x{info.Height} (short side {Math.Min(info.Width!.Value, info.Height!.Value)} px)"),
        _ => Invariant($"{info.Width}x{info.Height} (long side {Math.Max(info.Width!.Value, info.Height!.Value)} px)"),
    };

    private static string Relation(string when) => when switch
    {
        "above" => "more than",
        "atLeast" => "at or above",
        "below" => "less than",
        "equal" => "the same as",
        _ => "at or below",
    };

    // "5 s" for a number; "1080p = 1080 px" for a value that names one.
    private static string ValueText(JsonNode raw, double value, string unit)
    {
        string number = Invariant($"{value:0.#} {unit}");
        return raw is JsonValue v && v.TryGetValue(out string? text) ? $"{text} = {number}" : number;
    }

    private static string Article(MediaKind kind) => kind == MediaKind.Image ? "an image" : kind == MediaKind.Audio ? "an audio file" : "a video";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// Frame-shape warnings declared as data (<c>x-media.aspectField</c>, <c>sameAspectAs</c>, <c>aspectChoices</c>):
/// a model that must crop or pad a picture should say so before anyone pays. Warnings only: the model still runs.
/// </summary>
internal static class AspectChecks
{
    // Shapes within 10 % of each other count as the same.
    private const double Tolerance = 0.10;

    /// <summary>Checks every media field that declares an aspect rule against the probed dimensions.</summary>
    public static IEnumerable<ValidationIssue> Check(InputSchema schema, JsonObject input, IReadOnlyDictionary<string, MediaInfo> media)
    {
        foreach (InputField field in schema.Fields.Where(f => f.Media is not null))
        {
            if (Ratio(media, field.Name) is not double ratio)
            {
                continue;
            }

            MediaConstraint c = field.Media!;
            string shape = Text(ratio);
            if (c.AspectField is string other && input[other] is JsonValue v && v.TryGetValue(out string? requested) && Parse(requested) is double target && Differs(ratio, target))
            {
                yield return Warn("/" + other, $"/{field.Name} is {shape} but /{other} is {requested}: the picture will be cropped or padded. Leave /{other} unset to follow the image, or use a {requested} image.");
            }

            if (c.SameAspectAs is string first && Ratio(media, first) is double firstRatio && Differs(ratio, firstRatio))
            {
                yield return Warn("/" + field.Name, $"/{field.Name} ({shape}) has a different shape from /{first} ({Text(firstRatio)}): one of them will be cropped or padded.");
            }

            if (c.AspectChoices is { Count: > 0 } choices && choices.Select(Parse).OfType<double>().All(choice => Differs(ratio, choice)))
            {
                yield return Warn("/" + field.Name, $"/{field.Name} is {shape}; the model renders {string.Join(" or ", choices)}, so it will be cropped or padded. Use a {string.Join(" or ", choices)} image for a clean frame.");
            }
        }
    }

    private static ValidationIssue Warn(string path, string message) => new(path, ErrorCodes.AspectMismatch, message, IssueSeverity.Warning);

    private static double? Ratio(IReadOnlyDictionary<string, MediaInfo> media, string field) =>
        media.TryGetValue(field, out MediaInfo? m) && m.Width is int w && m.Height is int h && w > 0 && h > 0 ? (double)w / h : null;

    private static double? Parse(string ratio) =>
        ratio.Split(':') is [string a, string b]
        && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
        && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double h) && h > 0
            ? w / h
            : null;

    private static bool Differs(double a, double b) => Math.Abs(a - b) / b > Tolerance;

    private static string Text(double ratio) => ratio.ToString("0.##", CultureInfo.InvariantCulture) + ":1";
}

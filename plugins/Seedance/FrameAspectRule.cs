using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Seedance;

/// <summary>
/// Seedance 1.5 Pro image-to-video follows the first frame's shape unless <c>aspect_ratio</c> is given (SDK), and
/// can be told where to end with <c>last_image</c>. A requested aspect ratio far from the image's, or an end frame
/// of another shape than the first, means the model must crop or pad one of the frames. The schema cannot see pixel
/// dimensions, so this rule warns (it does not block) when the probed images disagree.
/// </summary>
public sealed class FrameAspectRule : IInputRule
{
    private const double Tolerance = 0.10;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "bytedance/seedance-v1.5-pro/image-to-video";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (Ratio(context, "image") is not double first)
        {
            yield break;
        }

        if (context.Input["aspect_ratio"]?.GetValue<string>() is string requested && Parse(requested) is double target
            && Differs(first, target))
        {
            yield return new ValidationIssue(
                "/aspect_ratio",
                "aspect_mismatch",
                string.Create(CultureInfo.InvariantCulture,
                    $"The image is {first:0.##}:1 but aspect_ratio is {requested}: the first frame will be cropped or padded. Leave aspect_ratio empty to follow the image."),
                IssueSeverity.Warning);
        }

        if (Ratio(context, "last_image") is double last && Differs(first, last))
        {
            yield return new ValidationIssue(
                "/last_image",
                "aspect_mismatch",
                string.Create(CultureInfo.InvariantCulture,
                    $"The last image ({last:0.##}:1) has a different shape from the first ({first:0.##}:1): one of them will be cropped or padded."),
                IssueSeverity.Warning);
        }
    }

    private static double? Ratio(ModelInputContext context, string field) =>
        context.Media.TryGetValue(field, out var image) && image.Width is int w && image.Height is int h && w > 0 && h > 0
            ? (double)w / h
            : null;

    private static double? Parse(string ratio)
    {
        var parts = ratio.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h > 0
            ? w / h
            : null;
    }

    private static bool Differs(double a, double b) => Math.Abs(a - b) / b > Tolerance;
}

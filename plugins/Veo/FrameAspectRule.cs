using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Veo;

/// <summary>
/// Veo 3.1 renders only 16:9 or 9:16 (DOCUMENTED). A first frame of another shape than the chosen
/// <c>aspect_ratio</c>, or a <c>last_image</c> whose shape differs from the first frame, has to be cropped or padded.
/// The schema cannot see pixel dimensions, so this rule warns (it does not block) when the probed images disagree.
/// </summary>
public sealed class FrameAspectRule : IInputRule
{
    private const double Tolerance = 0.10;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "google/veo3.1/image-to-video";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (Ratio(context, "image") is not double first)
        {
            yield break;
        }

        string aspect = context.Input["aspect_ratio"]?.GetValue<string>() ?? "16:9";
        double target = aspect == "9:16" ? 9.0 / 16.0 : 16.0 / 9.0;
        if (Differs(first, target))
        {
            yield return new ValidationIssue(
                "/image",
                "aspect_mismatch",
                string.Create(CultureInfo.InvariantCulture,
                    $"The image is {first:0.##}:1 but the video is {aspect}: the first frame will be cropped or padded. Use a {aspect} image or change aspect_ratio."),
                IssueSeverity.Warning);
        }

        if (Ratio(context, "last_image") is double last && Differs(last, first))
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

    private static bool Differs(double a, double b) => Math.Abs(a - b) / b > Tolerance;
}

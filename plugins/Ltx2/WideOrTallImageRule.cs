using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Ltx2;

/// <summary>
/// LTX-2 image-to-video renders a fixed 1920x1080 frame, so a source image far from 16:9 or 9:16 is cropped or
/// padded. The schema cannot see pixel dimensions; this rule warns (it does not block) when it can.
/// </summary>
public sealed class WideOrTallImageRule : IInputRule
{
    private const double Tolerance = 0.12;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Task == TaskKind.ImageToVideo;

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (!context.Media.TryGetValue("image", out var image) || image.Width is not int w || image.Height is not int h || h == 0)
        {
            yield break;
        }

        double ratio = (double)w / h;
        bool wide = Math.Abs(ratio - (16.0 / 9.0)) / (16.0 / 9.0) <= Tolerance;
        bool tall = Math.Abs(ratio - (9.0 / 16.0)) / (9.0 / 16.0) <= Tolerance;
        if (!wide && !tall)
        {
            yield return new ValidationIssue(
                "/image",
                "aspect_mismatch",
                $"The image is {w}x{h}; LTX-2 renders 1920x1080, so it will be cropped or padded. Use a 16:9 or 9:16 image for a clean frame.",
                IssueSeverity.Warning);
        }
    }
}

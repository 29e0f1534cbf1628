using VideoStudio.Contracts;

namespace VideoStudio.Plugins.FlashVsr;

/// <summary>
/// FlashVSR restores detail while enlarging; it does not change content (product note). A source that is already
/// at or above <c>target_resolution</c> gains nothing but is still billed per second, which the schema cannot see
/// (it knows the target, not the probed frame size). This rule warns so the caller can pick a higher tier or skip.
/// </summary>
public sealed class NoUpscaleRule : IInputRule
{
    // Shorter side of each target tier, in pixels.
    private static readonly Dictionary<string, int> TargetShortSide = new(StringComparer.Ordinal)
    {
        ["720p"] = 720,
        ["1080p"] = 1080,
        ["2k"] = 1440,
        ["4k"] = 2160,
    };

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "wavespeed-ai/flashvsr";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (!context.Media.TryGetValue("video", out var video) || video.Width is not int w || video.Height is not int h
            || context.Input["target_resolution"]?.GetValue<string>() is not string target
            || !TargetShortSide.TryGetValue(target, out var targetShort))
        {
            yield break;
        }

        if (Math.Min(w, h) >= targetShort)
        {
            yield return new ValidationIssue(
                "/target_resolution",
                "no_upscale",
                $"The video is already {w}x{h}, at or above {target}: upscaling to {target} will not enlarge it but is still billed per second. Choose a higher target or skip the upscale.",
                IssueSeverity.Warning);
        }
    }
}

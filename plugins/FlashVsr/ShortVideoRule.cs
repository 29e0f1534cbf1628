using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.FlashVsr;

/// <summary>
/// FlashVSR bills at least 5 s (DOCUMENTED), and ComfyUI's FlashVSR node refuses clips under 5 s client-side
/// (THIRD-PARTY); what the WaveSpeed API does with them is UNCONFIRMED. A media limit would refuse such clips
/// outright, so instead this rule warns that a short clip is charged as 5 s and may be rejected by the provider.
/// </summary>
public sealed class ShortVideoRule : IInputRule
{
    private const double MinimumSeconds = 5;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "wavespeed-ai/flashvsr";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Media.TryGetValue("video", out var video) && video.DurationSeconds is double seconds && seconds < MinimumSeconds)
        {
            yield return new ValidationIssue(
                "/video",
                "billed_minimum",
                string.Create(CultureInfo.InvariantCulture,
                    $"The clip is {seconds:0.#} s; FlashVSR charges at least 5 s, and clips under 5 s may be rejected (UNCONFIRMED for the API)."),
                IssueSeverity.Warning);
        }
    }
}

using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Hunyuan;

/// <summary>
/// Hunyuan Avatar's video is as long as its audio, but billing has a 5 s minimum (THIRD-PARTY, ALwrity) on top of
/// the documented "$0.15 per 5 s". A media limit would refuse a short greeting outright; this rule only warns that
/// audio under 5 s is charged as 5 s, so the caller can pad or merge clips instead of paying for silence they lack.
/// </summary>
public sealed class ShortAudioRule : IInputRule
{
    private const double MinimumSeconds = 5;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "wavespeed-ai/hunyuan-avatar";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Media.TryGetValue("audio", out var audio) && audio.DurationSeconds is double seconds && seconds < MinimumSeconds)
        {
            yield return new ValidationIssue(
                "/audio",
                "billed_minimum",
                string.Create(CultureInfo.InvariantCulture,
                    $"The audio is {seconds:0.#} s; Hunyuan Avatar charges at least 5 s (minimum UNCONFIRMED, from a third-party client)."),
                IssueSeverity.Warning);
        }
    }
}

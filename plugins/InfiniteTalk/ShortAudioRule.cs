using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.InfiniteTalk;

/// <summary>
/// InfiniteTalk's video is as long as its audio, but the live formula bills at least 5 s (DOCUMENTED + SDK:
/// <c>$max([5, ...])</c>). A media limit would refuse short clips outright; this rule only warns that audio under
/// 5 s is charged as 5 s, so the caller can merge short lines into one run instead.
/// </summary>
public sealed class ShortAudioRule : IInputRule
{
    private const double MinimumSeconds = 5;

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => model.Id == "wavespeed-ai/infinitetalk";

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Media.TryGetValue("audio", out var audio) && audio.DurationSeconds is double seconds && seconds < MinimumSeconds)
        {
            yield return new ValidationIssue(
                "/audio",
                "billed_minimum",
                string.Create(CultureInfo.InvariantCulture,
                    $"The audio is {seconds:0.#} s; InfiniteTalk charges at least 5 s. Merge short lines into one run to save."),
                IssueSeverity.Warning);
        }
    }
}

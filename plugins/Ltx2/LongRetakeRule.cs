using System.Globalization;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Ltx2;

/// <summary>
/// Retake's only known length limit (20 s) comes from another host's listing and is UNCONFIRMED for WaveSpeed,
/// so a longer clip is not refused — the caller is warned before paying $0.10 per second for it. plugin.json binds
/// it to the Retake model (its entry's <c>rules</c>).
/// </summary>
public sealed class LongRetakeRule : IInputRule
{
    private const double KnownElsewhereLimitSeconds = 20;

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (context.Media.TryGetValue("video", out var video) && video.DurationSeconds > KnownElsewhereLimitSeconds)
        {
            yield return new ValidationIssue(
                "/video",
                "length_unconfirmed",
                string.Create(CultureInfo.InvariantCulture,
                    $"The clip is {video.DurationSeconds:0.#} s. Other hosts cap Retake at 20 s (UNCONFIRMED for WaveSpeed); trim it to be safe."),
                IssueSeverity.Warning);
        }
    }
}

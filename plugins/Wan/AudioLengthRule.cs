using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;

namespace VideoStudio.Plugins.Wan;

/// <summary>
/// WAN 2.5 lines an uploaded soundtrack up with the clip: audio longer than <c>duration</c> is cut (only the first
/// part is used) and shorter audio leaves the rest of the clip silent (DOCUMENTED: product note and the WAN 2.5
/// text-to-video docs). The schema cannot compare a probed length with an input value, so this rule warns before
/// the caller pays for a clip whose sound will not be what they expect. It does not block: both are legitimate.
/// </summary>
public sealed class AudioLengthRule : IInputRule
{
    // Probed lengths are rarely whole seconds; ignore differences a viewer would not notice.
    private const double ToleranceSeconds = 0.5;

    private static readonly string[] ModelIds =
    [
        "alibaba/wan-2.5/text-to-video",
        "alibaba/wan-2.5/image-to-video",
        "alibaba/wan-2.5/video-extend",
    ];

    /// <inheritdoc />
    public bool AppliesTo(ModelDescriptor model) => ModelIds.Contains(model.Id, StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ValidationIssue> Check(ModelInputContext context)
    {
        if (!context.Media.TryGetValue("audio", out var audio) || audio.DurationSeconds is not double audioSeconds
            || ReadNumber(context.Input["duration"]) is not double clipSeconds)
        {
            yield break;
        }

        if (audioSeconds > clipSeconds + ToleranceSeconds)
        {
            yield return new ValidationIssue(
                "/audio",
                "audio_longer_than_clip",
                string.Create(CultureInfo.InvariantCulture,
                    $"The audio is {audioSeconds:0.#} s but the clip is {clipSeconds:0.#} s: only the first {clipSeconds:0.#} s of the audio are used. Trim the audio to the clip length to choose which part is kept."),
                IssueSeverity.Warning);
        }
        else if (audioSeconds < clipSeconds - ToleranceSeconds)
        {
            yield return new ValidationIssue(
                "/audio",
                "audio_shorter_than_clip",
                string.Create(CultureInfo.InvariantCulture,
                    $"The audio is {audioSeconds:0.#} s but the clip is {clipSeconds:0.#} s: the last {clipSeconds - audioSeconds:0.#} s of the clip will be silent."),
                IssueSeverity.Warning);
        }
    }

    private static double? ReadNumber(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue(out int i))
        {
            return i;
        }

        if (value.TryGetValue(out long l))
        {
            return l;
        }

        return value.TryGetValue(out double d) ? d : null;
    }
}

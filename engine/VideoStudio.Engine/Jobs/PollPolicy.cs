using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// When to check a task, from the model's expected processing time (manifest data), not a fixed constant:
/// first check at a fraction of the expected time, then back off to a cap; the deadline scales with input length.
/// </summary>
/// <param name="Expected">Expected wall time of this task.</param>
/// <param name="FirstCheck">Delay before the first check.</param>
/// <param name="MaxInterval">Longest wait between checks.</param>
/// <param name="Deadline">Give up after this long.</param>
public sealed record PollPolicy(TimeSpan Expected, TimeSpan FirstCheck, TimeSpan MaxInterval, TimeSpan Deadline)
{
    /// <summary>Derives the policy for a task. <paramref name="mediaSeconds"/> is the length of the scaling media, if any.</summary>
    public static PollPolicy For(ProcessingProfile profile, double? mediaSeconds, double scale)
    {
        double expected = profile.ExpectedSeconds + ((profile.PerMediaSecond?.TypicalSeconds ?? 0) * (mediaSeconds ?? 0));
        double worst = profile.ExpectedSeconds + ((profile.PerMediaSecond?.MaxSeconds ?? 0) * (mediaSeconds ?? 0));
        scale = scale <= 0 ? 1 : scale;
        return new PollPolicy(
            TimeSpan.FromSeconds(expected * scale),
            TimeSpan.FromSeconds(Math.Clamp(expected * 0.5, 5, 60) * scale),
            TimeSpan.FromSeconds(Math.Clamp(expected / 4, 5, 30) * scale),
            // Four times the worst case plus five minutes, never under a minute of real time.
            TimeSpan.FromSeconds(Math.Max(60, ((worst * 4) + 300) * scale)));
    }

    /// <summary>The wait after a check that found the task unfinished: grows by half each time up to the cap.</summary>
    public TimeSpan Next(TimeSpan previous) => TimeSpan.FromTicks(Math.Min((long)(previous.Ticks * 1.5), MaxInterval.Ticks));
}

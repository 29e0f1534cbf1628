using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Jobs.Polling;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// When to check a task, from the model's expected processing time (manifest data) and what its completed tasks
/// took in this process (<see cref="DurationHistory"/>), not a fixed constant. The first check comes when few tasks
/// of the model are done yet (half the expected time until completions say otherwise); after each check that finds
/// the task unfinished, the next comes after <see cref="NoticeShare"/> of the time elapsed so far, so a task is
/// noticed at most that share of its own duration late, whatever it takes; the deadline scales with input length.
/// </summary>
/// <param name="Expected">Expected wall time of this task.</param>
/// <param name="FirstCheck">Delay before the first check.</param>
/// <param name="MaxInterval">Longest wait between checks.</param>
/// <param name="Deadline">Give up after this long.</param>
internal sealed record PollPolicy(TimeSpan Expected, TimeSpan FirstCheck, TimeSpan MaxInterval, TimeSpan Deadline)
{
    /// <summary>The wait after an unfinished check, as a share of the time elapsed since the task started (goal: noticed within 10 %).</summary>
    public const double NoticeShare = 0.09;

    /// <summary>Shortest wait between checks (scaled like the rest): no model is worth more than one check a second.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The model's completions in this process; null for a policy not tied to a model.</summary>
    public DurationHistory? History { get; init; }

    /// <summary>Derives the policy for a task. <paramref name="mediaSeconds"/> is the length of the scaling media, if any.</summary>
    public static PollPolicy For(ProcessingProfile profile, double? mediaSeconds, double scale)
    {
        double expected = profile.ExpectedSeconds + ((profile.PerMediaSecond?.TypicalSeconds ?? 0) * (mediaSeconds ?? 0));
        double worst = profile.ExpectedSeconds + ((profile.PerMediaSecond?.MaxSeconds ?? 0) * (mediaSeconds ?? 0));
        scale = scale <= 0 ? 1 : scale;
        DurationHistory history = DurationHistory.Of(profile);
        // Learned: when the fastest few recent tasks had finished (never past 3x the guess); else half the guess.
        double first = history.EarlyShare() is double share
            ? Math.Max(5, expected * Math.Min(share, 3))
            : Math.Clamp(expected * 0.5, 5, 60);
        return new PollPolicy(
            TimeSpan.FromSeconds(expected * scale),
            TimeSpan.FromSeconds(first * scale),
            TimeSpan.FromSeconds(Math.Clamp(expected / 4, 5, 30) * scale),
            // Four times the worst case plus five minutes, never under a minute of real time.
            TimeSpan.FromSeconds(Math.Max(60, ((worst * 4) + 300) * scale)))
        {
            MinInterval = TimeSpan.FromSeconds(scale),
            History = history,
        };
    }

    /// <summary>
    /// The wait after a check, <paramref name="elapsed"/> after the task started, that found it unfinished: the notice
    /// share of the elapsed time, or longer while the model's completions (learned since this plan was made, e.g. in a
    /// burst of first tasks) say hardly any task is done yet.
    /// </summary>
    public TimeSpan Next(TimeSpan elapsed)
    {
        var wait = TimeSpan.FromTicks(Math.Clamp((long)(elapsed.Ticks * NoticeShare), MinInterval.Ticks, Math.Max(MinInterval.Ticks, MaxInterval.Ticks)));
        TimeSpan early = History?.EarlyShare() is double share ? Expected * Math.Min(share, 3) : TimeSpan.Zero;
        return early - elapsed > wait ? early - elapsed : wait;
    }

    /// <summary>Feeds a completion into the model's history (see <see cref="DurationHistory.Record"/>).</summary>
    public void Completed(TimeSpan noticedAfter, TimeSpan lastWait) => History?.Record(noticedAfter, lastWait, Expected);
}

using System.Runtime.CompilerServices;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs.Polling;

/// <summary>
/// What the last completed tasks of one model really took, as shares of their expected time (so a task sized by its
/// media counts like any other), kept in this process for the model's <see cref="ProcessingProfile"/> instance (a
/// plugin reload brings a new profile and starts over). The poll plan starts checking when the fastest few of them
/// had finished, instead of at a fixed share of the manifest's guess.
/// </summary>
internal sealed class DurationHistory
{
    /// <summary>Completions remembered per model (the oldest is forgotten first).</summary>
    public const int Capacity = 64;

    /// <summary>Completions needed before the history is used.</summary>
    public const int MinimumSamples = 8;

    /// <summary>The share of tasks allowed to finish before the first check (they are noticed late by up to the first wait).</summary>
    public const double EarlyQuantile = 0.05;

    private static readonly ConditionalWeakTable<ProcessingProfile, DurationHistory> ByProfile = [];

    private readonly double[] shares = new double[Capacity];
    private readonly Lock sync = new();
    private int count;
    private int next;
    private double? early;

    /// <summary>The history of the model with <paramref name="profile"/>, in this process.</summary>
    public static DurationHistory Of(ProcessingProfile profile) => ByProfile.GetValue(profile, _ => new DurationHistory());

    /// <summary>Completions remembered.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return count;
            }
        }
    }

    /// <summary>
    /// Records a completion noticed <paramref name="noticedAfter"/> after the task started, by a check that came
    /// <paramref name="lastWait"/> after the one before it. The task ended somewhere in that last wait; the middle of
    /// it is recorded, so a task noticed on its first check counts as faster than it was (the plan then checks earlier:
    /// more requests, never later noticing), not slower.
    /// </summary>
    public void Record(TimeSpan noticedAfter, TimeSpan lastWait, TimeSpan expected)
    {
        double seconds = (noticedAfter - (lastWait / 2)).TotalSeconds;
        if (!double.IsFinite(seconds) || seconds <= 0 || expected <= TimeSpan.Zero)
        {
            return; // known before any check (the submission's own answer): says nothing about the model's time
        }

        lock (sync)
        {
            shares[next] = seconds / expected.TotalSeconds;
            next = (next + 1) % Capacity;
            count = Math.Min(count + 1, Capacity);
            if (count >= MinimumSamples)
            {
                double[] sorted = shares[..count];
                Array.Sort(sorted);
                early = sorted[(int)Math.Floor(EarlyQuantile * (sorted.Length - 1))];
            }
        }
    }

    /// <summary>The share of the expected time by which <see cref="EarlyQuantile"/> of the remembered tasks had finished, or null before <see cref="MinimumSamples"/>.</summary>
    public double? EarlyShare()
    {
        lock (sync)
        {
            return early; // kept up to date by Record: asked on every check, changed once per completion
        }
    }
}

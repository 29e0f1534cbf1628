using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Polling;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Tests.Jobs;

/// <summary>The poll plan: when the first check comes, how long after each unfinished check the next one comes, and what completions teach it.</summary>
public sealed class PollPolicyTests
{
    // A fresh instance per test: the history belongs to the profile instance.
    private static ProcessingProfile Profile(double expectedSeconds = 45) => new(expectedSeconds, null, Confidence.Unconfirmed, null);

    // The check that first sees a task of `duration` finished, following the policy exactly as PollScheduler does.
    private static (TimeSpan NoticedAfter, TimeSpan LastWait, int Checks) Follow(PollPolicy policy, TimeSpan duration)
    {
        TimeSpan at = policy.FirstCheck;
        TimeSpan wait = policy.FirstCheck;
        int checks = 1;
        for (; at < duration; checks++)
        {
            wait = policy.Next(at);
            at += wait;
        }

        return (at, wait, checks);
    }

    [Fact]
    public void For_NoCompletionsYet_FirstCheckAtHalfTheExpectedTime()
    {
        PollPolicy policy = PollPolicy.For(Profile(45), null, 1);

        policy.FirstCheck.ShouldBe(TimeSpan.FromSeconds(22.5));
        policy.Expected.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void Next_AfterAnUnfinishedCheck_WaitsTheNoticeShareOfTheElapsedTime()
    {
        PollPolicy policy = PollPolicy.For(Profile(120), null, 1);

        policy.Next(TimeSpan.FromSeconds(100)).ShouldBe(TimeSpan.FromSeconds(100 * PollPolicy.NoticeShare));
    }

    [Fact]
    public void Next_VeryEarlyOrVeryLate_StaysBetweenMinimumAndCap()
    {
        PollPolicy policy = PollPolicy.For(Profile(45), null, 1);

        policy.Next(TimeSpan.FromSeconds(2)).ShouldBe(policy.MinInterval);
        policy.Next(TimeSpan.FromHours(1)).ShouldBe(policy.MaxInterval);
        policy.MaxInterval.ShouldBe(TimeSpan.FromSeconds(11.25));
    }

    [Theory]
    [InlineData(45)]
    [InlineData(120)]
    [InlineData(600)]
    public void Follow_AnyDurationFromTheFirstCheckToThreeTimesExpected_NoticedWithinTenPercentOfIt(double expectedSeconds)
    {
        PollPolicy policy = PollPolicy.For(Profile(expectedSeconds), null, 1);

        for (double d = policy.FirstCheck.TotalSeconds; d <= expectedSeconds * 3; d += expectedSeconds / 97)
        {
            TimeSpan duration = TimeSpan.FromSeconds(d);
            (TimeSpan noticed, _, _) = Follow(policy, duration);
            ((noticed - duration) / duration).ShouldBeLessThanOrEqualTo(0.10, $"a {d:0.#} s task of a {expectedSeconds} s model");
        }
    }

    [Fact]
    public void For_ScaledClock_FirstCheckAndMinimumScaleToo()
    {
        PollPolicy policy = PollPolicy.For(Profile(45), null, 0.1);

        policy.FirstCheck.ShouldBe(TimeSpan.FromSeconds(2.25));
        policy.MinInterval.ShouldBe(TimeSpan.FromSeconds(0.1));
    }

    [Fact]
    public void For_AfterCompletions_FirstCheckWhenTheFastestRecentTasksHadFinished()
    {
        ProcessingProfile profile = Profile(45);
        for (int i = 0; i < 20; i++)
        {
            // Tasks of 81 s (1.8x the guess), each noticed by a check 4 s after the one before.
            PollPolicy.For(profile, null, 1).Completed(TimeSpan.FromSeconds(83), TimeSpan.FromSeconds(4));
        }

        PollPolicy.For(profile, null, 1).FirstCheck.ShouldBe(TimeSpan.FromSeconds(81));
    }

    [Fact]
    public void For_FewerCompletionsThanTheMinimum_StillHalfTheExpectedTime()
    {
        ProcessingProfile profile = Profile(45);
        for (int i = 0; i < DurationHistory.MinimumSamples - 1; i++)
        {
            PollPolicy.For(profile, null, 1).Completed(TimeSpan.FromSeconds(83), TimeSpan.FromSeconds(4));
        }

        PollPolicy.For(profile, null, 1).FirstCheck.ShouldBe(TimeSpan.FromSeconds(22.5));
    }

    [Fact]
    public void For_SlowTasksWithAFewFastOnes_FirstCheckFollowsTheFastFew()
    {
        ProcessingProfile profile = Profile(100);
        DurationHistory history = DurationHistory.Of(profile);
        for (int i = 0; i < 60; i++)
        {
            history.Record(TimeSpan.FromSeconds(i < 4 ? 50 : 200), TimeSpan.Zero, TimeSpan.FromSeconds(100));
        }

        // 4 of 60 finished at 50 s: the 5 % quantile is among them, so a check comes before they are noticed late.
        PollPolicy.For(profile, null, 1).FirstCheck.ShouldBe(TimeSpan.FromSeconds(50));
    }

    [Fact]
    public void Record_NoticedOnTheFirstCheck_CountsAsHalfWayThere()
    {
        ProcessingProfile profile = Profile(100);
        DurationHistory history = DurationHistory.Of(profile);
        for (int i = 0; i < DurationHistory.MinimumSamples; i++)
        {
            history.Record(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(100));
        }

        // Done somewhere before the 50 s check: taken as 25 s, so the plan checks earlier (more requests, never later noticing).
        history.EarlyShare().ShouldBe(0.25);
    }

    [Fact]
    public void Record_KnownBeforeAnyCheck_Ignored()
    {
        DurationHistory history = DurationHistory.Of(Profile());

        history.Record(TimeSpan.Zero, TimeSpan.FromSeconds(22.5), TimeSpan.FromSeconds(45));

        history.Count.ShouldBe(0);
    }

    [Fact]
    public void Record_MoreThanCapacity_OldestForgotten()
    {
        DurationHistory history = DurationHistory.Of(Profile(100));
        for (int i = 0; i < DurationHistory.Capacity; i++)
        {
            history.Record(TimeSpan.FromSeconds(300), TimeSpan.Zero, TimeSpan.FromSeconds(100));
        }

        for (int i = 0; i < DurationHistory.Capacity; i++)
        {
            history.Record(TimeSpan.FromSeconds(90), TimeSpan.Zero, TimeSpan.FromSeconds(100));
        }

        history.Count.ShouldBe(DurationHistory.Capacity);
        history.EarlyShare().ShouldBe(0.9);
    }

    [Fact]
    public void Of_TwoProfileInstancesWithEqualData_KeepSeparateHistories()
    {
        ProcessingProfile a = Profile(45);
        ProcessingProfile b = a with { };

        DurationHistory.Of(a).Record(TimeSpan.FromSeconds(40), TimeSpan.Zero, TimeSpan.FromSeconds(45));

        DurationHistory.Of(b).Count.ShouldBe(0);
        DurationHistory.Of(a).Count.ShouldBe(1);
    }

    [Fact]
    public void Next_CompletionsLearnedAfterThePlanWasMade_WaitsUntilTheFastFewWereDone()
    {
        ProcessingProfile profile = Profile(100);
        PollPolicy made = PollPolicy.For(profile, null, 1); // before any completion: first check at 50 s
        for (int i = 0; i < DurationHistory.MinimumSamples; i++)
        {
            DurationHistory.Of(profile).Record(TimeSpan.FromSeconds(90), TimeSpan.Zero, TimeSpan.FromSeconds(100));
        }

        made.Next(TimeSpan.FromSeconds(50)).ShouldBe(TimeSpan.FromSeconds(40));
        made.Next(TimeSpan.FromSeconds(95)).TotalSeconds.ShouldBe(95 * PollPolicy.NoticeShare, tolerance: 1e-6);
    }
}

using Microsoft.Extensions.Time.Testing;
using VideoStudio.Engine.Jobs.Execution;

namespace VideoStudio.Tests.Jobs;

public sealed class TimetableTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task NextDueAsync_ClockReachesItems_ReturnsOnlyThoseDue()
    {
        var timetable = new Timetable(clock);
        timetable.Schedule("late", clock.GetUtcNow().AddSeconds(30));
        timetable.Schedule("soon", clock.GetUtcNow().AddSeconds(5));
        timetable.Schedule("also-soon", clock.GetUtcNow().AddSeconds(5));

        Task<IReadOnlyList<string>> first = timetable.NextDueAsync(TestContext.Current.CancellationToken);
        await Task.Yield();
        first.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(5));

        (await first.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).ShouldBe(["soon", "also-soon"], ignoreOrder: true);
        Task<IReadOnlyList<string>> second = timetable.NextDueAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(25));
        (await second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).ShouldBe(["late"]);
    }

    [Fact]
    public async Task NextDueAsync_EarlierItemScheduledWhileWaiting_WakesForIt()
    {
        var timetable = new Timetable(clock);
        timetable.Schedule("in-a-minute", clock.GetUtcNow().AddMinutes(1));
        Task<IReadOnlyList<string>> waiting = timetable.NextDueAsync(TestContext.Current.CancellationToken);

        timetable.Schedule("now", clock.GetUtcNow());

        (await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).ShouldBe(["now"]);
    }
}

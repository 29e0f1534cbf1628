using VideoStudio.Engine.Common;

namespace VideoStudio.Tests.Common;

public sealed class InitializeOnceTests
{
    [Fact]
    public async Task EnsureAsync_FirstAttemptFails_NextCallTriesAgainAndSucceeds()
    {
        int calls = 0;
        var once = new InitializeOnce(_ => ++calls == 1 ? throw new InvalidOperationException("store down") : Task.CompletedTask);

        await Should.ThrowAsync<InvalidOperationException>(() => once.EnsureAsync(TestContext.Current.CancellationToken));
        await once.EnsureAsync(TestContext.Current.CancellationToken);
        await once.EnsureAsync(TestContext.Current.CancellationToken);

        calls.ShouldBe(2, "a failure is retried; a success is kept");
    }

    [Fact]
    public async Task EnsureAsync_ConcurrentCallers_ShareOneAttempt()
    {
        int calls = 0;
        var release = new TaskCompletionSource();
        var once = new InitializeOnce(async _ => { Interlocked.Increment(ref calls); await release.Task; });

        Task first = once.EnsureAsync(TestContext.Current.CancellationToken);
        Task second = once.EnsureAsync(TestContext.Current.CancellationToken);
        release.SetResult();
        await Task.WhenAll(first, second);

        calls.ShouldBe(1);
    }
}

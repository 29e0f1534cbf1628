using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs.Webhooks;

namespace VideoStudio.Tests.Jobs.Webhooks;

public sealed class WebhookRetryPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private static WebhookRetryPolicy Policy(int seed = 7) => new(Options.Create(new WebhookOptions
    {
        FirstRetryDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromHours(1), RetryFor = TimeSpan.FromDays(1),
    }), new Random(seed));

    [Fact]
    public void NextAttempt_EachFailure_DelayDoublesWithinEqualJitterUpToTheCap()
    {
        WebhookRetryPolicy policy = Policy();
        for (int failures = 1; failures <= 20; failures++)
        {
            double ceiling = Math.Min(3600, 5 * Math.Pow(2, failures - 1));
            double delay = (policy.NextAttempt(failures, Start, Start)!.Value - Start).TotalSeconds;
            delay.ShouldBeInRange(ceiling / 2, ceiling, $"failure {failures}");
        }
    }

    [Fact]
    public void NextAttempt_SameFailureCount_JittersBetweenSenders()
    {
        var delays = Enumerable.Range(0, 20).Select(seed => Policy(seed).NextAttempt(6, Start, Start)).Distinct().ToList();

        delays.Count.ShouldBeGreaterThan(15);
    }

    [Fact]
    public void NextAttempt_PastTheRetryWindow_IsNullSoTheDeliveryDies()
    {
        WebhookRetryPolicy policy = Policy();

        policy.NextAttempt(3, Start, Start.AddHours(23)).ShouldNotBeNull();
        policy.NextAttempt(30, Start, Start.AddHours(23.99)).ShouldBeNull();
        policy.NextAttempt(1, Start, Start.AddDays(1)).ShouldBeNull();
    }

    [Fact]
    public void Validate_ZeroDelayAndCapBelowFirstDelay_NamesEachSetting()
    {
        string? failure = Tests.Support.OptionsFailures.Of<WebhookOptions>(o => (o.FirstRetryDelay, o.MaxDelay, o.Timeout, o.Concurrency) = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.Zero, 0));

        failure.ShouldNotBeNull();
        failure.ShouldContain("VideoStudio:Webhooks:Timeout is 00:00:00: above zero and at most 5 minutes.");
        failure.ShouldContain("VideoStudio:Webhooks:MaxDelay");
        failure.ShouldContain("VideoStudio:Webhooks:Concurrency is 0: between 1 and 256.");
        Tests.Support.OptionsFailures.Of<WebhookOptions>(_ => { }).ShouldBeNull();
    }
}

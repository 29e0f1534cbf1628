using System.Net;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorTierLimitTests
{
    [Fact]
    public async Task Submit_OverConcurrencyLimit_QueuesTaskAsCreatedUntilSlotFrees()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new()
        {
            ApiKey = o.ApiKey, TimeProvider = clock, FixedLatency = TimeSpan.FromSeconds(10), Limits = new TierLimits(1, null),
        });
        string first = await sim.SubmitAsync();
        string second = await sim.SubmitAsync();

        async Task<string> StatusAsync(string id) => (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Body["data"]!["status"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromSeconds(5));
        (await StatusAsync(first)).ShouldBe("processing");
        (await StatusAsync(second)).ShouldBe("created");
        clock.Advance(TimeSpan.FromSeconds(7)); // first done at 10 s; second starts then, processing from 11 s
        (await StatusAsync(first)).ShouldBe("completed");
        (await StatusAsync(second)).ShouldBe("processing");
        clock.Advance(TimeSpan.FromSeconds(10));
        (await StatusAsync(second)).ShouldBe("completed");
    }

    [Fact]
    public async Task Submit_OverPerMinuteRate_Returns429WithRetryAfter()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, TimeProvider = clock, Limits = new TierLimits(null, 1) });
        await sim.SubmitAsync();
        clock.Advance(TimeSpan.FromSeconds(20));

        (HttpResponseMessage response, _) = await sim.PostJsonAsync($"api/v3/{SimulatorHarness.Model}", SimulatorHarness.ValidInput());

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40));
        sim.Server.Stats.TotalSubmissions.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(41));
        await sim.SubmitAsync();
    }
}

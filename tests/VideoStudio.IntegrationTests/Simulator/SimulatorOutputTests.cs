using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class SimulatorOutputTests
{
    [Fact]
    public async Task Output_RangeRequest_Returns206WithRequestedSlice()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        string url = (await sim.PollUntilTerminalAsync(await sim.SubmitAsync()))["outputs"]![0]!.GetValue<string>();
        byte[] whole = await sim.Anonymous.GetByteArrayAsync(url, sim.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using HttpResponseMessage response = await sim.Anonymous.SendAsync(request, sim.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 100-199/{whole.Length}");
        (await response.Content.ReadAsByteArrayAsync(sim.Token)).ShouldBe(whole[100..200]);
    }

    [Fact]
    public async Task Output_AfterRetention_Returns410AndResultReturns404()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, TimeProvider = clock, FixedLatency = TimeSpan.FromSeconds(10) });
        string id = await sim.SubmitAsync();
        clock.Advance(TimeSpan.FromSeconds(11));
        string url = (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Body["data"]!["outputs"]![0]!.GetValue<string>();
        (await sim.Anonymous.GetAsync(url, sim.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromDays(7));

        (await sim.Anonymous.GetAsync(url, sim.Token)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await sim.GetJsonAsync($"api/v3/predictions/{id}/result")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Output_BeforeCompletion_Returns404()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, FixedLatency = TimeSpan.FromSeconds(30) });
        string id = await sim.SubmitAsync();

        (await sim.Anonymous.GetAsync($"outputs/{id}.mp4", sim.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Headers;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary><c>OutputBytes</c> (<c>--output-bytes</c>): every output is a generated stream of exactly that size, the same bytes on every request, with Range.</summary>
public sealed class GeneratedOutputTests
{
    private const long Size = 300_001;

    [Fact]
    public async Task Output_OutputBytesSet_ServesThatManyBytesTheSameEachTime()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, OutputBytes = Size });
        string url = (await sim.PollUntilTerminalAsync(await sim.SubmitAsync()))["outputs"]![0]!.GetValue<string>();

        byte[] first = await sim.Anonymous.GetByteArrayAsync(url, sim.Token);
        byte[] second = await sim.Anonymous.GetByteArrayAsync(url, sim.Token);

        first.Length.ShouldBe((int)Size);
        second.ShouldBe(first);
        first.Distinct().Count().ShouldBeGreaterThan(200); // not a run of zeros
    }

    [Fact]
    public async Task Output_OutputBytesRangeRequest_AnswersTheTailOfTheWhole()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new() { ApiKey = o.ApiKey, OutputBytes = Size });
        string url = (await sim.PollUntilTerminalAsync(await sim.SubmitAsync()))["outputs"]![0]!.GetValue<string>();
        byte[] whole = await sim.Anonymous.GetByteArrayAsync(url, sim.Token);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(123_457, null);
        using HttpResponseMessage tail = await sim.Anonymous.SendAsync(request, sim.Token);

        tail.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        tail.Content.Headers.ContentRange!.Length.ShouldBe(Size);
        (await tail.Content.ReadAsByteArrayAsync(sim.Token)).ShouldBe(whole[123_457..]);
    }

    [Fact]
    public async Task StartAsync_OutputBytesZero_Refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => SimulatorServer.StartAsync(new SimulatorOptions { ApiKey = "k", OutputBytes = 0 }, TestContext.Current.CancellationToken));
    }
}

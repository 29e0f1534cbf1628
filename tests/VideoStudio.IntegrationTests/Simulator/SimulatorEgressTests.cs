using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>The simulator embedded in a server (FetchLoopbackMedia off) never fetches a caller's loopback URL.</summary>
public sealed class SimulatorEgressTests
{
    [Fact]
    public async Task Submit_LoopbackMediaWithFetchOff_FailsAsUnreachableWithoutARequest()
    {
        int hits = 0;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication inside = builder.Build();
        inside.Run(context =>
        {
            Interlocked.Increment(ref hits);
            return context.Response.WriteAsync("internal", context.RequestAborted);
        });
        await inside.StartAsync(TestContext.Current.CancellationToken);
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => new VideoStudio.Simulator.SimulatorOptions
        {
            ApiKey = o.ApiKey,
            FixedLatency = o.FixedLatency,
            FetchLoopbackMedia = false,
        });

        string id = await sim.SubmitAsync(new JsonObject { ["video"] = inside.Urls.First() + "/clip.mp4", ["prompt"] = "x" }, SimulatorHarness.RetakeModel);
        JsonObject done = await sim.PollUntilTerminalAsync(id);

        done["code"]!.GetValue<int>().ShouldBe(1402);
        Volatile.Read(ref hits).ShouldBe(0);
    }
}

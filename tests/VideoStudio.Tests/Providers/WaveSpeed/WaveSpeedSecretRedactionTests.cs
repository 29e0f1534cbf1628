using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>The API key must never reach exception text or logs (captured at Trace, including HttpClient's own logging).</summary>
public sealed class WaveSpeedSecretRedactionTests
{
    [Fact(Timeout = 60_000)]
    public async Task Failures_EveryKind_ApiKeyNeverInExceptionsOrLogs()
    {
        int call = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // Echo the key back in error bodies too: a provider quoting our own header must not leak it either.
            string echoed = context.Request.Headers.Authorization.ToString();
            switch (Interlocked.Increment(ref call))
            {
                case 1:
                    await Envelopes.WriteAsync(context, Envelopes.Error(401, "invalid authentication"), 401);
                    break;
                case 2:
                    await Envelopes.ReadBodyAsync(context);
                    context.Abort();
                    break;
                default:
                    await Envelopes.WriteAsync(context, Envelopes.Error(500, $"internal error for {echoed.Length} chars"), 500);
                    break;
            }
        });
        using var test = WaveSpeedTestClient.Create(server.BaseUrl, o => o.PollMaxRetryAttempts = 1);
        using var refused = WaveSpeedTestClient.Create(new Uri($"http://127.0.0.1:{LoopbackServer.ClosedPort()}/"));
        var input = new JsonObject { ["prompt"] = "x" };
        CancellationToken token = TestContext.Current.CancellationToken;

        var errors = new List<Exception>
        {
            await Should.ThrowAsync<ProviderException>(() => test.Client.SubmitAsync("m/x", input, null, token)),
            await Should.ThrowAsync<SubmissionOutcomeUnknownException>(() => test.Client.SubmitAsync("m/x", input, null, token)),
            await Should.ThrowAsync<ProviderException>(() => test.Client.GetResultAsync("p1", token)),
            await Should.ThrowAsync<ProviderException>(() => test.Charges.GetChargeAsync("p1", token)),
            await Should.ThrowAsync<ProviderException>(() => refused.Client.SubmitAsync("m/x", input, null, token)),
            await Should.ThrowAsync<ProviderException>(() => refused.Client.GetResultAsync("p1", token)),
        };

        foreach (Exception error in errors)
        {
            error.ToString().ShouldNotContain(WaveSpeedTestClient.ApiKey);
        }

        test.Logs.Lines.ShouldNotBeEmpty();
        test.Logs.AllText.ShouldNotContain(WaveSpeedTestClient.ApiKey);
        refused.Logs.AllText.ShouldNotContain(WaveSpeedTestClient.ApiKey);
    }
}

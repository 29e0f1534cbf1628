using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedWebhookPayloadTests
{
    [Fact]
    public void TryParse_BareTaskObject_Snapshot()
    {
        const string body = """
            {"id":"p9","model":"wavespeed-ai/flashvsr","input":{"video":"https://x/v.mp4"},"outputs":["https://cdn/o.mp4"],
             "urls":{"get":"https://api.wavespeed.ai/api/v3/predictions/p9/result"},"has_nsfw_contents":[false],
             "status":"completed","created_at":"2025-01-01T00:00:00Z","error":""}
            """;
        ProviderTask snapshot = WaveSpeedWebhookPayload.TryParse(body).ShouldNotBeNull();
        snapshot.Id.ShouldBe("p9");
        snapshot.Status.ShouldBe(ProviderTaskStatus.Completed);
        snapshot.Outputs.ShouldBe(["https://cdn/o.mp4"]);
        snapshot.Error.ShouldBeNull();
        snapshot.Input!["video"]!.GetValue<string>().ShouldBe("https://x/v.mp4");
        snapshot.CreatedAt.ShouldBe(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void TryParse_TaskEchoingItsWebhookUrl_NamesTheJobItWasRegisteredFor()
    {
        ProviderTask snapshot = WaveSpeedWebhookPayload.TryParse("""{"id":"p2","status":"processing","webhook":"http://127.0.0.1:5000/v1/webhooks/wavespeed?job=j-1"}""").ShouldNotBeNull();

        snapshot.Webhook.ShouldNotBeNull();
        VideoStudio.Engine.Jobs.ProviderWebhookUrl.JobOf(snapshot.Webhook).ShouldBe("j-1");
    }

    [Fact]
    public void TryParse_FailedTask_ErrorAndCode()
    {
        ProviderTask snapshot = WaveSpeedWebhookPayload.TryParse("""{"id":"p1","status":"failed","error":"cannot fetch","code":1402}""").ShouldNotBeNull();
        snapshot.Status.ShouldBe(ProviderTaskStatus.Failed);
        snapshot.Error.ShouldBe("cannot fetch");
        snapshot.ErrorCode.ShouldBe("1402");
        WaveSpeedTaskCodes.ToKind(int.Parse(snapshot.ErrorCode!, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(ProviderErrorKind.MediaUnreachable);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"status\":\"completed\"}")]
    [InlineData("[]")]
    public void TryParse_NotATask_Null(string body)
    {
        WaveSpeedWebhookPayload.TryParse(body).ShouldBeNull();
    }
}

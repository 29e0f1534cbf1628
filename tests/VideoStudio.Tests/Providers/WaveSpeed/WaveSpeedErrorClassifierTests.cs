using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedErrorClassifierTests
{
    private static WaveSpeedException? Classify(int status, string body) =>
        WaveSpeedErrorClassifier.Classify(status, WaveSpeedEnvelope.Parse(body), "test");

    [Theory]
    [InlineData(402, """{"code":402,"message":"payment required"}""")]
    [InlineData(400, """{"code":400,"message":"Insufficient balance, please top up"}""")]
    [InlineData(403, """{"code":403,"message":"error","data":{"error":"insufficient credits"}}""")]
    [InlineData(200, """{"code":400,"message":"Insufficient account balance"}""")]
    public void Classify_InsufficientBalance_ByStatusAndMessage(int status, string body)
    {
        Classify(status, body)!.Kind.ShouldBe(WaveSpeedErrorKind.InsufficientBalance);
    }

    [Theory]
    [InlineData(400, """{"code":400,"message":"credit_card field is invalid"}""")]
    [InlineData(400, """{"code":400,"message":"no credit"}""")]
    [InlineData(500, """{"code":500,"message":"Insufficient balance"}""")]
    public void Classify_BareCreditOrServerError_NotInsufficientBalance(int status, string body)
    {
        Classify(status, body)!.Kind.ShouldNotBe(WaveSpeedErrorKind.InsufficientBalance);
    }

    [Theory]
    [InlineData(200, """{"code":1200,"message":"blocked"}""", WaveSpeedErrorKind.Moderation)]
    [InlineData(200, """{"code":1400,"message":"missing prompt"}""", WaveSpeedErrorKind.InvalidRequest)]
    [InlineData(400, """{"code":400,"message":"bad","data":{"code":1401,"error":"bad value"}}""", WaveSpeedErrorKind.InvalidRequest)]
    [InlineData(200, """{"code":1402,"message":"media"}""", WaveSpeedErrorKind.MediaUnreachable)]
    [InlineData(200, """{"code":1403,"message":"x"}""", WaveSpeedErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":1405,"message":"x"}""", WaveSpeedErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":5000,"message":"x"}""", WaveSpeedErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":5003,"message":"x"}""", WaveSpeedErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":404,"message":"x"}""", WaveSpeedErrorKind.NotFound)]
    [InlineData(404, "not json", WaveSpeedErrorKind.NotFound)]
    [InlineData(429, "", WaveSpeedErrorKind.RateLimited)]
    [InlineData(422, "{}", WaveSpeedErrorKind.InvalidRequest)]
    [InlineData(503, "<html>oops</html>", WaveSpeedErrorKind.ProviderFailure)]
    public void Classify_Codes_Kinds(int status, string body, WaveSpeedErrorKind kind)
    {
        Classify(status, body)!.Kind.ShouldBe(kind);
    }

    [Theory]
    [InlineData(200, """{"code":200,"message":"success","data":{}}""")]
    [InlineData(200, """{"code":0,"message":"success","data":{}}""")]
    [InlineData(200, """{"data":[]}""")]
    [InlineData(201, """[]""")]
    public void Classify_Success_Null(int status, string body)
    {
        Classify(status, body).ShouldBeNull();
    }

    [Fact]
    public void Classify_MessageWithSignedUrl_QueryRedacted()
    {
        WaveSpeedException error = Classify(200, """{"code":1402,"message":"cannot fetch https://cdn.x/v.mp4?X-Amz-Signature=topsecret"}""")!;
        error.Message.ShouldNotContain("topsecret");
        error.Message.ShouldContain("https://cdn.x/v.mp4");
        error.TaskCode.ShouldBe(1402);
        error.HttpStatus.ShouldBeNull();
    }
}

using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedErrorClassifierTests
{
    private static ProviderException? Classify(int status, string body) =>
        WaveSpeedErrorClassifier.Classify(status, WaveSpeedEnvelope.Parse(body), "test");

    [Theory]
    [InlineData(402, """{"code":402,"message":"payment required"}""")]
    [InlineData(400, """{"code":400,"message":"Insufficient balance, please top up"}""")]
    [InlineData(403, """{"code":403,"message":"error","data":{"error":"insufficient credits"}}""")]
    [InlineData(200, """{"code":400,"message":"Insufficient account balance"}""")]
    public void Classify_InsufficientBalance_ByStatusAndMessage(int status, string body)
    {
        Classify(status, body)!.Kind.ShouldBe(ProviderErrorKind.InsufficientBalance);
    }

    [Theory]
    [InlineData(400, """{"code":400,"message":"credit_card field is invalid"}""")]
    [InlineData(400, """{"code":400,"message":"no credit"}""")]
    [InlineData(500, """{"code":500,"message":"Insufficient balance"}""")]
    public void Classify_BareCreditOrServerError_NotInsufficientBalance(int status, string body)
    {
        Classify(status, body)!.Kind.ShouldNotBe(ProviderErrorKind.InsufficientBalance);
    }

    [Theory]
    [InlineData(200, """{"code":1200,"message":"blocked"}""", ProviderErrorKind.Moderation)]
    [InlineData(200, """{"code":1400,"message":"missing prompt"}""", ProviderErrorKind.InvalidRequest)]
    [InlineData(400, """{"code":400,"message":"bad","data":{"code":1401,"error":"bad value"}}""", ProviderErrorKind.InvalidRequest)]
    [InlineData(200, """{"code":1402,"message":"media"}""", ProviderErrorKind.MediaUnreachable)]
    [InlineData(200, """{"code":1403,"message":"x"}""", ProviderErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":1405,"message":"x"}""", ProviderErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":5000,"message":"x"}""", ProviderErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":5003,"message":"x"}""", ProviderErrorKind.ProviderFailure)]
    [InlineData(200, """{"code":404,"message":"x"}""", ProviderErrorKind.NotFound)]
    [InlineData(404, "not json", ProviderErrorKind.NotFound)]
    [InlineData(429, "", ProviderErrorKind.RateLimited)]
    [InlineData(422, "{}", ProviderErrorKind.InvalidRequest)]
    [InlineData(503, "<html>oops</html>", ProviderErrorKind.ProviderFailure)]
    public void Classify_Codes_Kinds(int status, string body, ProviderErrorKind kind)
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
        ProviderException error = Classify(200, """{"code":1402,"message":"cannot fetch https://cdn.x/v.mp4?X-Amz-Signature=topsecret"}""")!;
        error.Message.ShouldNotContain("topsecret");
        error.Message.ShouldContain("https://cdn.x/v.mp4");
        error.ProviderCode.ShouldBe("1402");
        error.HttpStatus.ShouldBeNull();
    }
}

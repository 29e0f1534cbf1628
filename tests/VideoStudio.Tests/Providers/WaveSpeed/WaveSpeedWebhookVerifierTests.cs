using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class WaveSpeedWebhookVerifierTests
{
    private const string Id = "msg_1";
    private const string Timestamp = "1700000000";
    private const string Body = "{\"id\":\"p1\"}";
    private const string Secret = "whsec_secretkey";

    // printf '%s' 'msg_1.1700000000.{"id":"p1"}' | openssl dgst -sha256 -hmac 'secretkey'
    private const string OpensslVector = "e9ab69428c1e2085ebcbfbe3f45f5a0b8558714cb21c133f678bf5daaf8787a6";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static WaveSpeedWebhookVerifier At(DateTimeOffset now) => new(new FakeTimeProvider(now));

    private static string Independent(string id, string timestamp, string body, string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    [Fact]
    public void Verify_OpensslVector_Valid()
    {
        At(SentAt).Verify(Id, Timestamp, "v3," + OpensslVector, Body, Secret).Status.ShouldBe(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void ComputeSignature_FixedInputs_MatchesOpensslAndIndependentHmac()
    {
        string computed = WaveSpeedWebhookVerifier.ComputeSignature(Id, Timestamp, Encoding.UTF8.GetBytes(Body), Secret);
        computed.ShouldBe(OpensslVector);
        computed.ShouldBe(Independent(Id, Timestamp, Body, "secretkey"));
    }

    [Fact]
    public void Verify_SecretUsedAsUtf8NotBase64_Valid()
    {
        // A secret that is also valid base64: a Svix-style verifier would decode it and get a different key.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        string body = "{\"id\":\"p2\",\"status\":\"completed\",\"outputs\":[\"https://cdn/x.mp4\"]}";
        string signature = Independent("msg_2", Timestamp, body, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        At(SentAt).Verify("msg_2", Timestamp, $"v3,{signature}", body, secret).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_UppercaseHex_Valid()
    {
        At(SentAt).Verify(Id, Timestamp, "v3," + OpensslVector.ToUpperInvariant(), Body, Secret).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_SeveralSignaturesOneMatching_Valid()
    {
        string header = $"v1,{Convert.ToBase64String(new byte[32])} v3,{new string('0', 64)} v3,{OpensslVector}";
        At(SentAt).Verify(Id, Timestamp, header, Body, Secret).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_TimestampOutsideWindow_Stale(int offsetSeconds)
    {
        At(SentAt.AddSeconds(-offsetSeconds)).Verify(Id, Timestamp, "v3," + OpensslVector, Body, Secret).Status.ShouldBe(WebhookVerificationStatus.Stale);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtWindowEdge_Valid(int offsetSeconds)
    {
        At(SentAt.AddSeconds(offsetSeconds)).Verify(Id, Timestamp, "v3," + OpensslVector, Body, Secret).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, Timestamp, "v3,abc")]
    [InlineData(Id, null, "v3,abc")]
    [InlineData(Id, Timestamp, null)]
    [InlineData("", Timestamp, "v3,abc")]
    [InlineData(Id, Timestamp, "  ")]
    public void Verify_MissingHeader_MissingHeaders(string? id, string? timestamp, string? signature)
    {
        At(SentAt).Verify(id, timestamp, signature, Body, Secret).Status.ShouldBe(WebhookVerificationStatus.MissingHeaders);
    }

    [Fact]
    public void Verify_TimestampNotNumber_MalformedTimestamp()
    {
        At(SentAt).Verify(Id, "2023-11-14T22:13:20Z", "v3," + OpensslVector, Body, Secret).Status.ShouldBe(WebhookVerificationStatus.MalformedTimestamp);
    }

    [Theory]
    [InlineData("whsec_otherkey")]
    [InlineData("secretkeyX")]
    public void Verify_WrongSecret_BadSignature(string secret)
    {
        WebhookVerificationResult result = At(SentAt).Verify(Id, Timestamp, "v3," + OpensslVector, Body, secret);
        result.Status.ShouldBe(WebhookVerificationStatus.BadSignature);
        result.Reason.ShouldNotContain(secret);
    }

    [Fact]
    public void Verify_SecretWithoutPrefix_SameKey()
    {
        At(SentAt).Verify(Id, Timestamp, "v3," + OpensslVector, Body, "secretkey").IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("{\"id\":\"p1\" }")]
    [InlineData("{\"id\":\"p2\"}")]
    public void Verify_BodyChanged_BadSignature(string body)
    {
        At(SentAt).Verify(Id, Timestamp, "v3," + OpensslVector, body, Secret).Status.ShouldBe(WebhookVerificationStatus.BadSignature);
    }

    [Theory]
    [InlineData("v1,e9ab69428c1e2085ebcbfbe3f45f5a0b8558714cb21c133f678bf5daaf8787a6")]
    [InlineData("e9ab69428c1e2085ebcbfbe3f45f5a0b8558714cb21c133f678bf5daaf8787a6")]
    [InlineData("v3,e9ab69428c1e2085")]
    [InlineData("v3,zzab69428c1e2085ebcbfbe3f45f5a0b8558714cb21c133f678bf5daaf8787a6")]
    public void Verify_WrongVersionOrShapeOfSignature_BadSignature(string header)
    {
        At(SentAt).Verify(Id, Timestamp, header, Body, Secret).Status.ShouldBe(WebhookVerificationStatus.BadSignature);
    }
}

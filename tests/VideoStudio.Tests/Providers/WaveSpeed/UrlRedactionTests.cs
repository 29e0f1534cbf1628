using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://cdn.example.com/out/v.mp4?X-Amz-Signature=abc&X-Amz-Credential=k", "https://cdn.example.com/out/v.mp4?…")]
    [InlineData("https://cdn.example.com/out/v.mp4", "https://cdn.example.com/out/v.mp4")]
    [InlineData("https://user:pw@cdn.example.com:8443/a/b#frag", "https://cdn.example.com:8443/a/b?…")]
    [InlineData("http://127.0.0.1:5000/api/v3/x?webhook=https%3A%2F%2Fh%2Fcb%3Ftoken%3Dt", "http://127.0.0.1:5000/api/v3/x?…")]
    public void Redact_Uri_StripsQueryFragmentAndUserInfo(string url, string expected)
    {
        UrlRedaction.Redact(new Uri(url)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("not a url?sig=abc", "not a url?…")]
    [InlineData("relative/path#x", "relative/path?…")]
    [InlineData("", "<none>")]
    [InlineData(null, "<none>")]
    public void Redact_Text_StripsQuery(string? text, string expected)
    {
        UrlRedaction.Redact(text).ShouldBe(expected);
    }

    [Fact]
    public void OptionsToString_WithKey_HidesKey()
    {
        var options = new WaveSpeedOptions { ApiKey = "wsk-very-secret", BaseUrl = new Uri("https://api.wavespeed.ai/?token=t") };
        string text = options.ToString();
        text.ShouldNotContain("wsk-very-secret");
        text.ShouldNotContain("token=t");
        text.ShouldContain("<redacted>");
    }
}

using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Common;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://127.0.0.1/out/v.mp4?X-Amz-Signature=abc&X-Amz-Credential=k", "https://127.0.0.1/out/v.mp4?[redacted]")]
    [InlineData("https://127.0.0.1/out/v.mp4", "https://127.0.0.1/out/v.mp4")]
    [InlineData("https://user:pw@127.0.0.1:8443/a/b#frag", "https://127.0.0.1:8443/a/b?[redacted]")]
    [InlineData("http://user:pw@127.0.0.1:9/a.mp4", "http://127.0.0.1:9/a.mp4?[redacted]")]
    [InlineData("http://127.0.0.1:5000/api/v3/x?webhook=https%3A%2F%2Fh%2Fcb%3Ftoken%3Dt", "http://127.0.0.1:5000/api/v3/x?[redacted]")]
    public void Redact_Uri_StripsQueryFragmentAndUserInfo(string url, string expected)
    {
        UrlRedactor.Redact(new Uri(url)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("not a url?sig=abc", "not a url?[redacted]")]
    [InlineData("relative/path#x", "relative/path?[redacted]")]
    [InlineData("", "<none>")]
    [InlineData(null, "<none>")]
    public void Redact_Text_StripsQuery(string? text, string expected)
    {
        UrlRedactor.Redact(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("what is here? a boat", "what is here? a boat")]
    [InlineData("/data/uploads/a.mp4", "/data/uploads/a.mp4")]
    [InlineData("http://user:pass@127.0.0.1:9/clip.mp4", "http://127.0.0.1:9/clip.mp4?[redacted]")]
    public void RedactValue_StoredValue_OnlyUrlsChange(string value, string expected)
    {
        UrlRedactor.RedactValue(value).ShouldBe(expected);
    }

    [Fact]
    public void Input_PasswordInUrlAtAnyDepth_IsRemovedAndMarked()
    {
        var input = new JsonObject
        {
            ["video"] = "http://user:pass@127.0.0.1:9/clip.mp4",
            ["images"] = new JsonArray("https://u:secret@127.0.0.1:9/a.png", "https://127.0.0.1:9/b.png"),
            ["nested"] = new JsonObject { ["audio"] = "http://127.0.0.1:9/a.wav?token=t" },
            ["duration"] = 5,
        };

        JsonObject stored = Redaction.Input(input);

        string text = stored.ToJsonString();
        text.ShouldNotContain("pass");
        text.ShouldNotContain("secret");
        text.ShouldNotContain("token");
        stored["images"]![1]!.GetValue<string>().ShouldBe("https://127.0.0.1:9/b.png");
        stored["duration"]!.GetValue<int>().ShouldBe(5);
        Redaction.WasRedacted(stored).ShouldBeTrue();
        Redaction.WasRedacted(new JsonObject { ["video"] = "https://127.0.0.1:9/b.png" }).ShouldBeFalse();
    }

    [Fact]
    public void RedactText_ProviderMessageWithUserInfo_HidesIt()
    {
        UrlRedactor.RedactText("could not fetch http://bob:hunter2@127.0.0.1:9/x.mp4 (404)").ShouldBe("could not fetch http://127.0.0.1:9/x.mp4?[redacted] (404)");
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

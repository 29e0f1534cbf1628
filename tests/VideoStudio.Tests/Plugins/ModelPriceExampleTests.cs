using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>Every documented price example in shared/reference/models.md, per model, through the real plugin data.</summary>
public sealed class ModelPriceExampleTests
{
    private const string V = "http://127.0.0.1:9/in.mp4";
    private const string I = "http://127.0.0.1:9/in.png";
    private const string A = "http://127.0.0.1:9/in.wav";

    public static TheoryData<string, string, string?, string> Examples() => new()
    {
        // model, input, media hints (field=seconds), expected total USD
        { "wavespeed-ai/flashvsr", $$"""{"video":"{{V}}","target_resolution":"1080p"}""", "video=30", "0.54" },
        { "wavespeed-ai/flashvsr", $$"""{"video":"{{V}}","target_resolution":"4k"}""", "video=3", "0.16" },
        { "wavespeed-ai/flashvsr", $$"""{"video":"{{V}}","target_resolution":"4k"}""", "video=600", "19.20" },
        { "wavespeed-ai/infinitetalk", $$"""{"image":"{{I}}","audio":"{{A}}","resolution":"480p"}""", "audio=60", "1.80" },
        { "wavespeed-ai/infinitetalk", $$"""{"image":"{{I}}","audio":"{{A}}","resolution":"720p"}""", "audio=7.2", "0.48" },
        { "wavespeed-ai/infinitetalk", $$"""{"image":"{{I}}","audio":"{{A}}","resolution":"480p"}""", "audio=2", "0.15" },
        { "wavespeed-ai/hunyuan-avatar", $$"""{"image":"{{I}}","audio":"{{A}}","resolution":"480p"}""", "audio=120", "3.60" },
        { "lightricks/ltx-2-retake", $$"""{"video":"{{V}}","prompt":"p"}""", "video=7.2", "0.80" },
        { "alibaba/wan-2.5/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"480p","duration":3}""", null, "0.15" },
        { "alibaba/wan-2.5/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"1080p","duration":10}""", null, "1.50" },
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"480p","duration":5}""", null, "0.15" },
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"720p","duration":8}""", null, "0.48" },
        { "bytedance/seedance-v1.5-pro/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"480p","duration":4,"generate_audio":false}""", null, "0.048" },
        { "bytedance/seedance-v1.5-pro/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"720p","duration":12,"generate_audio":true}""", null, "0.624" },
        { "bytedance/seedance-v1.5-pro/text-to-video", """{"prompt":"p","resolution":"480p","duration":5,"generate_audio":false}""", null, "0.06" },
        { "bytedance/seedance-v1.5-pro/text-to-video", """{"prompt":"p","resolution":"720p","duration":10,"generate_audio":true}""", null, "0.52" },
        { "alibaba/wan-2.5/text-to-video", """{"prompt":"p","size":"1920*1080","duration":10}""", null, "1.50" },
        { "alibaba/wan-2.5/text-to-video", """{"prompt":"p","size":"832*480","duration":5}""", null, "0.25" },
        { "wavespeed-ai/hunyuan-video-1.5/text-to-video", """{"prompt":"p","size":"1280*720","duration":10}""", null, "0.40" },
        { "wavespeed-ai/hunyuan-video-1.5/text-to-video", """{"prompt":"p","size":"480*832","duration":5}""", null, "0.10" },
        { "lightricks/ltx-2-pro/text-to-video", """{"prompt":"p","duration":10}""", null, "0.60" },
        { "lightricks/ltx-2-fast/text-to-video", """{"prompt":"p","duration":6}""", null, "0.04" },
        { "wavespeed-ai/kandinsky5-pro/text-to-video", """{"prompt":"p","resolution":"1024p"}""", null, "0.60" },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}","face_image":"{{I}}"}""", "video=30", "0.30" },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}","face_image":"{{I}}"}""", "video=2", "0.05" },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}","face_image":"{{I}}"}""", "video=7.2", "0.08" },
        { "alibaba/wan-2.5/image-to-video-fast", $$"""{"image":"{{I}}","prompt":"p","resolution":"720p","duration":5}""", null, "0.34" },
        { "alibaba/wan-2.5/image-to-video-fast", $$"""{"image":"{{I}}","prompt":"p","resolution":"1080p","duration":10}""", null, "1.02" },
        { "alibaba/wan-3.0/text-to-video", """{"prompt":"p","resolution":"720p","duration":6}""", null, "3.00" },
        { "alibaba/wan-3.0/text-to-video", """{"prompt":"p","resolution":"480p","duration":30}""", null, "7.50" },
        { "bytedance/seedance-2.0/text-to-video", """{"prompt":"p","duration":5}""", null, "1.20" },
        { "bytedance/seedance-2.0/text-to-video-fast", """{"prompt":"p","duration":5}""", null, "0.80" },
        { "bytedance/seedance-2.0/text-to-video-fast-turbo", """{"prompt":"p","duration":5}""", null, "0.60" },
        { "alibaba/wan-3.0/image-to-video", $$"""{"image":"{{I}}","prompt":"p","resolution":"1080p","duration":2}""", null, "2.00" },
        { "bytedance/seedance-2.0/image-to-video", $$"""{"image":"{{I}}","prompt":"p","duration":10}""", null, "2.40" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Estimate_DocumentedExample_MatchesExactly(string modelId, string input, string? hints, string expected)
    {
        var media = hints is null ? null : new Dictionary<string, double> { [hints.Split('=')[0]] = double.Parse(hints.Split('=')[1], CultureInfo.InvariantCulture) };

        EstimateReport report = await SharedCatalog.Studio.EstimateAsync(modelId, JsonNode.Parse(input)!.AsObject(), media, TestContext.Current.CancellationToken);

        report.Validation.Errors.ShouldBeEmpty();
        report.Estimate!.TotalUsd.ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("google/veo3.1/text-to-video", """{"prompt":"p"}""")]
    [InlineData("bytedance/seedance-v1.5-pro/text-to-video", """{"prompt":"p","resolution":"1080p"}""")]
    [InlineData("alibaba/wan-2.6/text-to-video", """{"prompt":"p"}""")]
    [InlineData("alibaba/wan-2.5/video-extend-fast", """{"video":"http://127.0.0.1:9/in.mp4","prompt":"p"}""")]
    [InlineData("google/veo3.1-fast/text-to-video", """{"prompt":"p"}""")]
    [InlineData("google/veo3.1-fast/image-to-video", """{"image":"http://127.0.0.1:9/in.png","prompt":"p"}""")]
    [InlineData("alibaba/wan-2.6/image-to-video", """{"image":"http://127.0.0.1:9/in.png","prompt":"p"}""")]
    [InlineData("alibaba/wan-2.6/image-to-video-flash", """{"image":"http://127.0.0.1:9/in.png","prompt":"p"}""")]
    [InlineData("alibaba/wan-2.6/reference-to-video", """{"video":"http://127.0.0.1:9/in.mp4","prompt":"p"}""")]
    [InlineData("alibaba/wan-2.6/video-extend", """{"video":"http://127.0.0.1:9/in.mp4","prompt":"p"}""")]
    [InlineData("wavespeed-ai/wan-2.1/mocha", """{"video":"http://127.0.0.1:9/in.mp4","image":"http://127.0.0.1:9/in.png"}""")]
    [InlineData("wavespeed-ai/video-background-remover", """{"video":"http://127.0.0.1:9/in.mp4"}""")]
    [InlineData("wavespeed-ai/hunyuan-video-foley", """{"video":"http://127.0.0.1:9/in.mp4"}""")]
    [InlineData("wavespeed-ai/think-sound", """{"video":"http://127.0.0.1:9/in.mp4"}""")]
    [InlineData("heygen/video-translate", """{"video":"http://127.0.0.1:9/in.mp4","output_language":"Spanish"}""")]
    [InlineData("wavespeed-ai/prompt-optimizer", """{"text":"a cat surfing"}""")]
    [InlineData("kwaivgi/kling-v2.5-turbo-std/image-to-video", """{"image":"http://127.0.0.1:9/in.png","prompt":"p"}""")]
    public async Task Estimate_UnpublishedPrice_IsUnknownNeverZero(string modelId, string input)
    {
        EstimateReport report = await SharedCatalog.Studio.EstimateAsync(modelId, JsonNode.Parse(input)!.AsObject(), null, TestContext.Current.CancellationToken);

        report.Estimate!.TotalUsd.ShouldBeNull();
        report.Estimate.HoldUsd.ShouldBeNull();
        report.Estimate.UnknownReason.ShouldNotBeNullOrWhiteSpace();
        report.Estimate.Provenance.Confidence.ShouldBe(Confidence.Unconfirmed);
    }
}

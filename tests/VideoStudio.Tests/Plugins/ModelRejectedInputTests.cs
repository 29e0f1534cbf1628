using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>Per model, inputs the provider would refuse: each bad value → the field's pointer and a stable code.</summary>
public sealed class ModelRejectedInputTests
{
    private const string V = "http://127.0.0.1:9/in.mp4";

    public static TheoryData<string, string, string, string> Rejections() => new()
    {
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"1080p"}""", "/resolution", ErrorCodes.NotAllowed },
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","duration":6}""", "/duration", ErrorCodes.NotAllowed },
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","audio":"http://127.0.0.1:9/a.mp3"}""", "/audio", ErrorCodes.UnknownField },
        { "wavespeed-ai/wan-2.2-spicy/video-extend", $$"""{"video":"{{V}}","prompt":"p","negative_prompt":"x"}""", "/negative_prompt", ErrorCodes.UnknownField },
        { "bytedance/seedance-v1.5-pro/video-extend", $$"""{"video":"{{V}}","prompt":"p","duration":13}""", "/duration", ErrorCodes.TooLarge },
        { "bytedance/seedance-v1.5-pro/video-extend", $$"""{"video":"{{V}}","prompt":"p","duration":3}""", "/duration", ErrorCodes.TooSmall },
        { "bytedance/seedance-v1.5-pro/text-to-video", """{"prompt":"p","duration":-1}""", "/duration", ErrorCodes.TooSmall },
        { "alibaba/wan-2.5/video-extend", $$"""{"video":"{{V}}","prompt":"p","duration":11}""", "/duration", ErrorCodes.TooLarge },
        { "alibaba/wan-2.5/video-extend", $$"""{"video":"{{V}}","prompt":"p","resolution":"4k"}""", "/resolution", ErrorCodes.NotAllowed },
        { "alibaba/wan-2.5/text-to-video", """{"prompt":"p","resolution":"720p"}""", "/resolution", ErrorCodes.UnknownField },
        { "google/veo3.1/text-to-video", """{"prompt":"p","duration":5}""", "/duration", ErrorCodes.NotAllowed },
        { "google/veo3.1/text-to-video", """{"prompt":"p","aspect_ratio":"1:1"}""", "/aspect_ratio", ErrorCodes.NotAllowed },
        { "wavespeed-ai/kandinsky5-pro/text-to-video", """{"prompt":"p","duration":10}""", "/duration", ErrorCodes.NotAllowed },
        { "wavespeed-ai/kandinsky5-pro/text-to-video", """{"prompt":"p","resolution":"720p"}""", "/resolution", ErrorCodes.NotAllowed },
        { "wavespeed-ai/kandinsky5-pro/image-to-video", """{"prompt":"p","image_url":"http://127.0.0.1:9/i.png"}""", "/image", ErrorCodes.Required },
        { "wavespeed-ai/flashvsr", $$"""{"video":"{{V}}","target_resolution":"8k"}""", "/target_resolution", ErrorCodes.NotAllowed },
        { "wavespeed-ai/flashvsr", """{"target_resolution":"4k"}""", "/video", ErrorCodes.Required },
        { "wavespeed-ai/hunyuan-video-1.5/text-to-video", """{"prompt":"p","size":"1080*1080"}""", "/size", ErrorCodes.NotAllowed },
        { "wavespeed-ai/hunyuan-video-1.5/image-to-video", """{"image":"http://127.0.0.1:9/i.png","duration":10}""", "/duration", ErrorCodes.NotAllowed },
        { "wavespeed-ai/infinitetalk", """{"image":"http://127.0.0.1:9/i.png"}""", "/audio", ErrorCodes.Required },
        { "lightricks/ltx-2-pro/text-to-video", """{"prompt":"p","duration":5}""", "/duration", ErrorCodes.NotAllowed },
        { "lightricks/ltx-2-pro/text-to-video", """{"prompt":"p","resolution":"720p"}""", "/resolution", ErrorCodes.UnknownField },
        { "lightricks/ltx-2-retake", $$"""{"video":"{{V}}","prompt":"p","mode":"replace_all"}""", "/mode", ErrorCodes.NotAllowed },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}"}""", "/face_image", ErrorCodes.Required },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}","face_image":"http://127.0.0.1:9/f.png","target_gender":"other"}""", "/target_gender", ErrorCodes.NotAllowed },
        { "wavespeed-ai/video-face-swap", $$"""{"video":"{{V}}","face_image":"http://127.0.0.1:9/f.png","target_index":11}""", "/target_index", ErrorCodes.TooLarge },
        { "alibaba/wan-3.0/text-to-video", """{"prompt":"p","duration":31}""", "/duration", ErrorCodes.TooLarge },
        { "alibaba/wan-3.0/text-to-video", """{"prompt":"p","duration":1}""", "/duration", ErrorCodes.TooSmall },
        { "alibaba/wan-2.6/text-to-video", """{"prompt":"p","resolution":"480p"}""", "/resolution", ErrorCodes.NotAllowed },
        { "alibaba/wan-2.6/text-to-video", """{"prompt":"p","duration":8}""", "/duration", ErrorCodes.NotAllowed },
        { "bytedance/seedance-2.0/text-to-video-fast-turbo", """{"prompt":"p","duration":3}""", "/duration", ErrorCodes.TooSmall },
        { "bytedance/seedance-2.0/text-to-video-fast-turbo", """{"prompt":"p","aspect_ratio":"2:1"}""", "/aspect_ratio", ErrorCodes.NotAllowed },
        { "google/veo3.1-fast/text-to-video", """{"prompt":"p","duration":5}""", "/duration", ErrorCodes.NotAllowed },
        { "heygen/video-translate", $$"""{"video":"{{V}}","output_language":"Klingon"}""", "/output_language", ErrorCodes.NotAllowed },
        { "wavespeed-ai/video-background-remover", """{"background_image":"http://127.0.0.1:9/b.png"}""", "/video", ErrorCodes.Required },
        { "wavespeed-ai/prompt-optimizer", """{"text":"p","mode":"audio"}""", "/mode", ErrorCodes.NotAllowed },
        { "kwaivgi/kling-v2.5-turbo-std/image-to-video", """{"image":"http://127.0.0.1:9/i.png","prompt":"p","duration":7}""", "/duration", ErrorCodes.NotAllowed },
        { "alibaba/wan-2.6/image-to-video", """{"prompt":"p"}""", "/image", ErrorCodes.Required },
        { "alibaba/wan-2.6/image-to-video-flash", """{"image":"http://127.0.0.1:9/i.png","prompt":"p","resolution":"480p"}""", "/resolution", ErrorCodes.NotAllowed },
        { "alibaba/wan-2.6/reference-to-video", """{"prompt":"p"}""", "/video", ErrorCodes.Required },
        { "alibaba/wan-2.6/video-extend", $$"""{"video":"{{V}}","prompt":"p","duration":20}""", "/duration", ErrorCodes.NotAllowed },
        { "alibaba/wan-3.0/image-to-video", """{"image":"http://127.0.0.1:9/i.png","prompt":"p","duration":31}""", "/duration", ErrorCodes.TooLarge },
        { "bytedance/seedance-2.0/image-to-video", """{"prompt":"p"}""", "/image", ErrorCodes.Required },
        { "google/veo3.1-fast/image-to-video", """{"image":"http://127.0.0.1:9/i.png","prompt":"p","resolution":"480p"}""", "/resolution", ErrorCodes.NotAllowed },
        { "wavespeed-ai/think-sound", """{}""", "/video", ErrorCodes.Required },
        { "wavespeed-ai/hunyuan-video-foley", """{}""", "/video", ErrorCodes.Required },
        { "wavespeed-ai/wan-2.1/mocha", $$"""{"video":"{{V}}"}""", "/image", ErrorCodes.Required },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Validate_UnsupportedValue_RejectedAtFieldWithCode(string modelId, string input, string path, string code)
    {
        ValidationReport report = await SharedCatalog.Studio.ValidateAsync(modelId, JsonNode.Parse(input)!.AsObject(), TestContext.Current.CancellationToken);

        report.Valid.ShouldBeFalse();
        report.Errors.ShouldContain(e => e.Path == path && e.Code == code, $"errors were: {string.Join("; ", report.Errors.Select(e => $"{e.Path} {e.Code}"))}");
    }

    [Fact]
    public async Task Validate_LocalAudioOverLimit_RejectedFromRealDuration()
    {
        using var dir = new TempDirectory();
        string audio = TestMedia.WriteWav(dir.File("long.wav"), 121);
        var input = new JsonObject { ["image"] = TestPaths.Fixture("square-640.png"), ["audio"] = audio };

        ValidationReport report = await SharedCatalog.Studio.ValidateAsync("wavespeed-ai/hunyuan-avatar", input, TestContext.Current.CancellationToken);

        report.Errors.ShouldContain(e => e.Path == "/audio" && e.Code == ErrorCodes.MediaTooLong);
    }

    [Fact]
    public async Task Validate_AudioGivenForImageField_RejectedAsWrongKind()
    {
        using var dir = new TempDirectory();
        string audio = TestMedia.WriteWav(dir.File("a.wav"), 5);
        var input = new JsonObject { ["image"] = audio, ["audio"] = audio };

        ValidationReport report = await SharedCatalog.Studio.ValidateAsync("wavespeed-ai/infinitetalk", input, TestContext.Current.CancellationToken);

        report.Errors.ShouldContain(e => e.Path == "/image" && e.Code == ErrorCodes.MediaWrongKind);
    }

    [Fact]
    public async Task Estimate_LocalMp4_PricesFromProbedDurationNotHint()
    {
        var input = new JsonObject { ["video"] = TestPaths.Fixture("clip-7.2s.mp4"), ["target_resolution"] = "1080p" };

        var report = await SharedCatalog.Studio.EstimateAsync("wavespeed-ai/flashvsr", input, new Dictionary<string, double> { ["video"] = 500 }, TestContext.Current.CancellationToken);

        report.Estimate!.BilledSeconds.ShouldBe(8m);
        report.Estimate.TotalUsd.ShouldBe(0.144m);
    }
}

using VideoStudio.Simulator.Rendering;

namespace VideoStudio.IntegrationTests.Simulator;

public sealed class FrameSizeTests
{
    [Theory]
    [InlineData(720, 16.0 / 9, 1280, 720)]
    [InlineData(480, 9.0 / 16, 480, 854)]
    [InlineData(1080, 854.0 / 480, 1920, 1080)] // within 1 % of 16:9: snapped, as upscalers do
    [InlineData(512, 3.0 / 2, 768, 512)]
    [InlineData(2160, 1, 2160, 2160)]
    [InlineData(720, 5.0 / 4, 900, 720)] // not a standard shape: kept, rounded to even
    public void FromTier_ShortSideAndAspect_GivesEvenFrame(int shortSide, double aspect, int width, int height) =>
        FrameSize.FromTier(shortSide, aspect).ShouldBe((width, height));

    [Theory]
    [InlineData("480p", 480)]
    [InlineData("1080p", 1080)]
    [InlineData("2k", 1440)]
    [InlineData("4K", 2160)]
    [InlineData("1024p", 1024)]
    public void ParseTier_ModelWords_GiveShortSide(string tier, int shortSide) => FrameSize.ParseTier(tier).ShouldBe(shortSide);

    [Fact]
    public void ParseSize_StarOrX_GivesWidthAndHeight()
    {
        FrameSize.ParseSize("832*480").ShouldBe((832, 480));
        FrameSize.ParseSize("720x1280").ShouldBe((720, 1280));
        FrameSize.ParseSize("wide").ShouldBeNull();
    }

    [Fact]
    public void CaptionWrap_LongPrompt_FitsTheFrameInAtMostFourLines()
    {
        string prompt = string.Join(' ', Enumerable.Repeat("drifting", 60));

        string wrapped = CaptionText.Wrap(prompt, 854, 26);

        string[] lines = wrapped.Split('\n');
        lines.Length.ShouldBe(CaptionText.MaxLines);
        lines.ShouldAllBe(l => l.Length <= 854 * 0.9 / (26 * 0.55) + 1);
        lines[^1].ShouldEndWith("…");
    }
}

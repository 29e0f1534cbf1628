using System.Text.Json.Nodes;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>The name a download is saved as: prompt, model and id end, safe ASCII, bounded.</summary>
public sealed class OutputFileNameTests
{
    private const string Id = "job_019aff3c7d2e7b1c9f04a1b2c3d4e5f6";

    [Theory]
    [InlineData("Paper boat, drifting!", "lightricks/ltx-2-fast/text-to-video", "paper-boat-drifting-ltx-2-fast-c3d4e5f6.mp4")]
    [InlineData("Crème brûlée \"on\" a/table\\", "wan/wan-2.5/image-to-video", "creme-brulee-on-a-table-wan-2-5-c3d4e5f6.mp4")]
    [InlineData("一只纸船", "bytedance/seedance-1.5-pro", "seedance-1-5-pro-c3d4e5f6.mp4")]
    public void Of_PromptAndModel_SafeAsciiNameEndingWithTheId(string prompt, string model, string expected) =>
        OutputFileName.Of(Id, model, new JsonObject { ["prompt"] = prompt }, ".mp4").ShouldBe(expected);

    [Fact]
    public void Of_LongPromptAndNoPrompt_BoundedAndStillNamed()
    {
        string longName = OutputFileName.Of(Id, "x/upscaler/upscale", new JsonObject { ["prompt"] = string.Concat(Enumerable.Repeat("word ", 100)) }, ".mp4");
        string noPrompt = OutputFileName.Of(Id, "x/upscaler/upscale", new JsonObject { ["video"] = "job:job_1" }, ".mp4");

        longName.Length.ShouldBeLessThanOrEqualTo(40 + 1 + 24 + 1 + 8 + 4);
        longName.ShouldEndWith("-upscaler-c3d4e5f6.mp4");
        noPrompt.ShouldBe("upscaler-c3d4e5f6.mp4");
    }
}

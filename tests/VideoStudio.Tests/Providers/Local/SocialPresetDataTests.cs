using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers.Local;
using VideoStudio.Engine.Providers.Local.Operations;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Providers.Local;

/// <summary>
/// The social presets are one set of data: each platform the plugin's schema offers has a preset, each preset's
/// frame is the shape it names, and the labels a creator picks from say that shape (so the data and the form cannot drift).
/// </summary>
public sealed class SocialPresetDataTests
{
    [Fact]
    public void SocialSchema_PlatformsOffered_ExactlyThePresets()
    {
        JsonNode platform = Platform();

        platform["enum"]!.AsArray().Select(p => p!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(SocialPreset.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SocialPresets_Each_FrameOfItsAspectWithinItsLimitsAndLabelledSo()
    {
        JsonObject labels = Platform()["x-enum-labels"]!.AsObject();
        foreach (SocialPreset preset in SocialPreset.All.Values)
        {
            (int w, int h) = FrameFit.Aspect(preset.Aspect);
            ((double)preset.Width / preset.Height).ShouldBe((double)w / h, 0.01, preset.Id);
            (preset.Width % 2, preset.Height % 2).ShouldBe((0, 0), preset.Id);
            preset.MaxSeconds.ShouldBeGreaterThan(0);
            preset.MaxBytes.ShouldBeGreaterThan(0);
            (preset.VideoCodec, preset.AudioCodec).ShouldBe(("h264", "aac"), preset.Id);
            labels[preset.Id]!.GetValue<string>().ShouldContain(preset.Aspect, Case.Sensitive, preset.Id);
            labels[preset.Id]!.GetValue<string>().ShouldStartWith(preset.Name, Case.Sensitive, preset.Id);
        }
    }

    private static JsonNode Platform() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Plugins, "Edit", "models", "social.schema.json")))!["properties"]!["platform"]!;
}

using System.Text.Json.Nodes;
using VideoStudio.Engine.Catalog.Import;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Tests.Catalog;

/// <summary>Live entries → plugin files: the provider's schema kept as stated, media recognised, unknown prices left unknown.</summary>
public sealed class PluginImporterTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static LiveModel Entry(string formula) => new(
        "acme/clipper/video-to-video", 0.01m, formula,
        JsonNode.Parse("""
        {"type":"object","required":["video"],"x-order-properties":["video","mode","strength","tags"],
         "properties":{
           "video":{"type":"string","description":"Source clip.","x-accept":"video/*","x-max-duration":60},
           "mode":{"type":"string","enum":["fast","slow"],"default":"fast"},
           "strength":{"type":"number","minimum":0,"maximum":1,"default":0.5},
           "tags":{"type":"array","items":{"type":"string"}}}}
        """)!.AsObject(),
        "Clipper", "Clips a video. Keeps its length.", "video-to-video");

    private static JsonObject File(ImportedPlugin plugin, string suffix) =>
        JsonNode.Parse(plugin.Files.Single(f => f.Key.EndsWith(suffix, StringComparison.Ordinal)).Value)!.AsObject();

    [Fact]
    public void Build_RequestSchema_KeepsOrderEnumsRangesDefaultsAndRecognisesMedia()
    {
        ImportedPlugin plugin = PluginImporter.Build("clipper", [Entry("""{"total_price": get_duration_v3(video) * 0.01}""")], "1.0.0", "test catalogue", Today);

        JsonObject schema = File(plugin, ".schema.json");
        schema["x-order-properties"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["video", "mode", "strength"]);
        schema["required"]!.AsArray().Single()!.GetValue<string>().ShouldBe("video");
        schema["properties"]!["video"]!["x-media"]!["kind"]!.GetValue<string>().ShouldBe("video");
        schema["properties"]!["video"]!["x-media"]!["maxSeconds"]!.GetValue<decimal>().ShouldBe(60m);
        schema["properties"]!["strength"]!["maximum"]!.GetValue<decimal>().ShouldBe(1m);
        schema["properties"]!["mode"]!["default"]!.GetValue<string>().ShouldBe("fast");
        plugin.Notes.ShouldContain(n => n.Contains("/tags", StringComparison.Ordinal));
        plugin.PluginId.ShouldBe("videostudio.clipper");
    }

    [Fact]
    public void Build_FormulaNotExpressible_PriceUnknownUnconfirmedNeverZero()
    {
        ImportedPlugin plugin = PluginImporter.Build("clipper", [Entry("""{"total_price": $lookup(x)}""")], "1.0.0", "test catalogue", Today);

        JsonObject pricing = File(plugin, ".pricing.json");
        pricing["confidence"]!.GetValue<string>().ShouldBe("unconfirmed");
        pricing["rate"]!["usd"].ShouldBeNull();
        pricing["notes"]!.AsArray().ShouldContain(n => n!.GetValue<string>().Contains("live quote", StringComparison.Ordinal));
        JsonNode.Parse(plugin.Files["plugin.json"])!["models"]![0]!["card"]!["limitations"]!.AsArray()
            .ShouldContain(n => n!.GetValue<string>().Contains("UNCONFIRMED", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_VideoWithBackgroundImage_OutputIsACutoutOverThatImage()
    {
        var entry = new LiveModel(
            "acme/remover", null, null,
            JsonNode.Parse("""
            {"type":"object","required":["video"],"properties":{
              "video":{"type":"string","x-accept":"video/*"},
              "background_image":{"type":"string","x-accept":"image/*"}}}
            """)!.AsObject(),
            "Remover", "Removes a background.", "background-removal");

        JsonObject output = File(PluginImporter.Build("remover", [entry], "1.0.0", "test catalogue", Today), ".schema.json")["x-output"]!.AsObject();

        output["video"]!.GetValue<string>().ShouldBe("video");
        output["cutout"]!.GetValue<bool>().ShouldBeTrue();
        output["background"]!.GetValue<string>().ShouldBe("background_image");
        output["still"].ShouldBeNull();
    }

    [Theory]
    [InlineData("1.0.0", "1.1.0")]
    [InlineData("2.3.4", "2.4.0")]
    [InlineData("1.2.0-beta.1", "1.3.0")]
    public void Bump_InstalledVersion_MinorUp(string installed, string next) => PluginImporter.Bump(installed).ShouldBe(next);
}

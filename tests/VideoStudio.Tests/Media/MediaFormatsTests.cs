using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Media;

/// <summary>The one format table: names, MIME types and extensions agree, and what the sniffer and outputs use comes from it.</summary>
public sealed class MediaFormatsTests
{
    [Fact]
    public void All_EveryNameTypeAndExtension_IsUnique()
    {
        MediaFormats.All.Select(f => f.Name).ShouldBeUnique();
        MediaFormats.All.SelectMany(f => f.OtherContentTypes.Prepend(f.ContentType)).ShouldBeUnique();
        MediaFormats.All.SelectMany(f => f.OtherExtensions.Prepend(f.Extension)).ShouldBeUnique();
    }

    [Theory]
    [InlineData("out/x.JPEG", "jpeg")]
    [InlineData(".jpg", "jpeg")]
    [InlineData("a.tif", "tiff")]
    [InlineData("clip.mp4", "mp4")]
    [InlineData("voice.wav", "wav")]
    public void ByExtension_KnownExtension_NamesTheFormat(string path, string name) =>
        MediaFormats.ByExtension(path)!.Name.ShouldBe(name);

    [Theory]
    [InlineData("image/png", MediaKind.Image)]
    [InlineData("audio/x-wav", MediaKind.Audio)]
    [InlineData("video/mp4; codecs=avc1", MediaKind.Video)]
    [InlineData("video/mp2t", MediaKind.Video)]
    [InlineData("text/html", null)]
    [InlineData("application/octet-stream", null)]
    [InlineData(null, null)]
    public void KindOf_ContentType_KindOrNull(string? type, MediaKind? kind) => MediaFormats.KindOf(type).ShouldBe(kind);

    [Theory]
    [InlineData("square-640.png", "png", "image/png")]
    [InlineData("wide-1280x720.jpg", "jpeg", "image/jpeg")]
    [InlineData("tone-12.5s.mp3", "mp3", "audio/mpeg")]
    [InlineData("clip-7.2s.mp4", "mp4", "video/mp4")]
    public async Task DetectAsync_Fixture_IsATableFormat(string fixture, string name, string type)
    {
        MediaFormat format = await ContainerSniffer.DetectAsync(TestPaths.Fixture(fixture), TestContext.Current.CancellationToken);

        format.ShouldBeSameAs(MediaFormats.ByName(name));
        format.ContentType.ShouldBe(type);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/o/abc.jpeg?sig=1", MediaKind.Image, "png", ".jpg")] // the URL's own image format wins
    [InlineData("http://127.0.0.1:9/o/abc", MediaKind.Image, "png", ".png")] // no extension: the declared format
    [InlineData("http://127.0.0.1:9/o/abc.mp4", MediaKind.Audio, "mp3", ".mp3")] // an extension of another kind is not trusted
    [InlineData("http://127.0.0.1:9/o/abc.mov", MediaKind.Video, "mp4", ".mov")]
    public void ItemFor_ProviderUrl_StoredWithTheRightExtension(string url, MediaKind kind, string declared, string extension)
    {
        var output = new DeclaredOutput(kind, MediaFormats.ByName(declared)!);

        OutputItem item = output.ItemFor(url);

        item.Kind.ShouldBe(kind);
        item.FileExtension.ShouldBe(extension);
    }

    [Fact]
    public void Read_NoKind_IsMp4Video() => DeclaredOutput.Read(null).ShouldBe(DeclaredOutput.Video);

    [Fact]
    public void Read_FormatOfAnotherKind_RefusedListingTheKindsFormats()
    {
        var error = Should.Throw<FormatException>(() => DeclaredOutput.Read(new System.Text.Json.Nodes.JsonObject { ["kind"] = "image", ["format"] = "mp3" }));

        error.Message.ShouldContain("'mp3' is not a known image format");
        error.Message.ShouldContain("png");
    }
}

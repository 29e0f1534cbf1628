using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.Tests.Providers.Local;

/// <summary>Values put into a filter string are escaped at both of FFmpeg's levels, so none can end an option or a filter.</summary>
public sealed class FilterEscapeTests
{
    [Theory]
    [InlineData("/tmp/plain/overlay.txt", "/tmp/plain/overlay.txt")]
    [InlineData("/tmp/a:b/x.txt", @"/tmp/a\\:b/x.txt")]
    [InlineData("/tmp/it's/x.txt", @"/tmp/it\\\'s/x.txt")]
    [InlineData(@"C:\dir\x.txt", @"C\\:\\\\dir\\\\x.txt")]
    [InlineData("/tmp/[in],x;y/f.txt", @"/tmp/\[in\]\,x\;y/f.txt")]
    public void Value_SpecialCharacters_EscapedForOptionAndGraph(string value, string expected) =>
        FilterEscape.Value(value).ShouldBe(expected);

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    public void Value_LineBreak_Refused(string value) =>
        Should.Throw<ArgumentException>(() => FilterEscape.Value(value));
}

using VideoStudio.Engine.Providers.Local;

namespace VideoStudio.Tests.Providers.Local;

/// <summary>FFmpeg's error output reported in one line: the cause it names first, then what it could not do.</summary>
public sealed class FfmpegErrorLineTests
{
    [Fact]
    public void OneLine_SeveralLines_CauseFirstThenTheLastWithoutFilterPrefixes()
    {
        const string stderr = "[Parsed_subtitles_0 @ 0x556a2091d840] Unable to open tasks/01/captions.srt\n"
            + "[AVFilterGraph @ 0x556a2091db00] Error initializing filter 'subtitles'\n"
            + "Error while processing the decoded data for stream #0:0\nConversion failed!\n";

        string line = FfmpegRunner.OneLine(stderr, "fallback");

        line.ShouldBe("Unable to open tasks/01/captions.srt; Error while processing the decoded data for stream #0:0");
    }

    [Fact]
    public void OneLine_OneLine_AsIs() =>
        FfmpegRunner.OneLine("in.mp4: No such file or directory\n", "fallback").ShouldBe("in.mp4: No such file or directory");

    [Fact]
    public void OneLine_Nothing_TheFallback() =>
        FfmpegRunner.OneLine("\n  \nConversion failed!\n", "FFmpeg exited with code 1").ShouldBe("FFmpeg exited with code 1");

    [Fact]
    public void OneLine_VeryLong_Bounded() =>
        FfmpegRunner.OneLine(new string('x', 1000), "f").Length.ShouldBe(301);
}

using NAudio.Wave;

namespace VideoStudio.Engine.Media;

/// <summary>
/// Exact MP3 play length by walking every frame with NAudio's frame parser. TagLib estimates MP3 length from
/// one frame's bitrate and was off by 30 % on real files; audio length drives avatar and lip-sync bills.
/// </summary>
internal static class Mp3Duration
{
    /// <summary>Sums the samples of every audio frame (the Xing/Info header frame carries none).</summary>
    public static double? Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        Id3v2Tag.ReadTag(stream);
        double seconds = 0;
        bool first = true;
        while (Mp3Frame.LoadFromStream(stream, readData: first) is Mp3Frame frame)
        {
            if (!(first && IsInfoFrame(frame)))
            {
                seconds += (double)frame.SampleCount / frame.SampleRate;
            }

            first = false;
        }

        return seconds > 0 ? seconds : null;
    }

    private static bool IsInfoFrame(Mp3Frame frame) =>
        frame.RawData is { } data && (data.AsSpan().IndexOf("Xing"u8) >= 0 || data.AsSpan().IndexOf("Info"u8) >= 0);
}

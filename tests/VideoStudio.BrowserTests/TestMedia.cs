namespace VideoStudio.BrowserTests;

/// <summary>Input media for jobs: the shared fixtures, and a WAV written here (no binary audio in the repo).</summary>
internal static class TestMedia
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Image => Fixture("wide-1280x720.jpg");

    public static string Video => Fixture("clip-7.2s.mp4");

    /// <summary>A spoken-length tone: 16-bit mono PCM at 16 kHz.</summary>
    public static string Wav(double seconds = 6)
    {
        string path = Path.Combine(Path.GetTempPath(), $"videostudio-tone-{seconds:0.#}s.wav");
        const int rate = 16_000;
        int samples = (int)(rate * seconds);
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8);
        w.Write(36 + (samples * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        for (int i = 0; i < samples; i++)
        {
            w.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }

        return path;
    }

    /// <summary>The file to upload for a media field of this kind.</summary>
    public static string ForKind(string kind) => kind switch
    {
        "image" => Image,
        "video" => Video,
        "audio" => Wav(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no fixture for this media kind"),
    };
}

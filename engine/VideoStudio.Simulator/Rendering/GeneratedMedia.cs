using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VideoStudio.Simulator.Rendering;

/// <summary>
/// The outputs of image and audio models, made in code (no ffmpeg needed): a PNG of the requested frame size in the
/// colour of generated video footage, and a WAV of the requested length holding a quiet 440 Hz tone.
/// </summary>
internal static class GeneratedMedia
{
    /// <summary>Samples per second of a generated WAV (mono, 16-bit), as in rendered video sound.</summary>
    public const int SampleRate = 22050;

    /// <summary>Longest generated WAV, so a request cannot make the simulator allocate without bound.</summary>
    public const double MaxSeconds = 600;

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>A solid-colour RGB PNG of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var z = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)]; // filter byte 0, then RGB
            for (int x = 0; x < width; x++)
            {
                (row[1 + (x * 3)], row[2 + (x * 3)], row[3 + (x * 3)]) = ((byte)0x1e, (byte)0x2a, (byte)0x3a);
            }

            for (int y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A mono 16-bit PCM WAV of <paramref name="seconds"/> (at most <see cref="MaxSeconds"/>) holding a 440 Hz tone.</summary>
    public static byte[] Wav(double seconds)
    {
        int samples = (int)Math.Round(Math.Clamp(seconds, 0.1, MaxSeconds) * SampleRate);
        var wav = new byte[44 + (samples * 2)];
        Span<byte> h = wav;
        Encoding.ASCII.GetBytes("RIFF", h);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], wav.Length - 8);
        Encoding.ASCII.GetBytes("WAVEfmt ", h[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], 16); // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(h[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], SampleRate * 2); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(h[32..], 2); // bytes per frame
        BinaryPrimitives.WriteInt16LittleEndian(h[34..], 16); // bits per sample
        Encoding.ASCII.GetBytes("data", h[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], samples * 2);
        for (int i = 0; i < samples; i++)
        {
            short value = (short)(Math.Sin(2 * Math.PI * 440 * i / SampleRate) * 0.2 * short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(h[(44 + (i * 2))..], value);
        }

        return wav;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}

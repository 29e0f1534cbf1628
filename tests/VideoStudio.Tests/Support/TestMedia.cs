using System.Buffers.Binary;

namespace VideoStudio.Tests.Support;

/// <summary>Writes media of exact, known properties.</summary>
public static class TestMedia
{
    /// <summary>Writes a silent 8 kHz mono 16-bit PCM WAV of <paramref name="seconds"/> seconds.</summary>
    public static string WriteWav(string path, double seconds, int sampleRate = 8000)
    {
        int dataBytes = (int)Math.Round(seconds * sampleRate) * 2;
        var bytes = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), dataBytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

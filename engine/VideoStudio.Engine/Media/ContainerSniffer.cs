using System.Buffers.Binary;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Media;

/// <summary>
/// Identifies a file's container from its first bytes (never its name), and catches the truncation that
/// tag readers miss: an ISO-BMFF box or RIFF chunk that claims more bytes than the file has.
/// </summary>
internal static class ContainerSniffer
{
    /// <summary>Detects the container of the file at <paramref name="path"/>, as one of <see cref="MediaFormats"/>.</summary>
    /// <exception cref="MediaUnreadableException">Unknown format or a truncated file.</exception>
    public static async ValueTask<MediaFormat> DetectAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var head = new byte[64];
        int read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        ReadOnlySpan<byte> h = head.AsSpan(0, read);
        MediaFormat container = Identify(h) ?? throw new MediaUnreadableException(
            "the file is not a media format VideoStudio recognises (expected MP4/MOV, WebM/MKV, AVI, WAV, MP3, OGG, FLAC, AAC, JPEG, PNG, WebP, GIF, BMP or TIFF)");
        if (container.Name is "mp4" or "mov" or "m4a")
        {
            await CheckBoxesAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        else if (h.StartsWith("RIFF"u8) && BinaryPrimitives.ReadUInt32LittleEndian(h[4..]) + 8L > stream.Length)
        {
            throw new MediaUnreadableException($"the file is truncated: its header declares {BinaryPrimitives.ReadUInt32LittleEndian(h[4..]) + 8L} bytes but it has {stream.Length}");
        }

        return container;
    }

    private static MediaFormat? Identify(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = h[8..12];
            return brand.SequenceEqual("qt  "u8) ? Named("mov")
                : brand.SequenceEqual("M4A "u8) ? Named("m4a")
                : Named("mp4");
        }

        if (h.Length >= 12 && h.StartsWith("RIFF"u8))
        {
            ReadOnlySpan<byte> kind = h[8..12];
            return kind.SequenceEqual("WAVE"u8) ? Named("wav")
                : kind.SequenceEqual("AVI "u8) ? Named("avi")
                : kind.SequenceEqual("WEBP"u8) ? Named("webp")
                : null;
        }

        return h switch
        {
            _ when h.StartsWith(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }) => h.IndexOf("webm"u8) >= 0 ? Named("webm") : Named("mkv"),
            _ when h.StartsWith("ID3"u8) || (h.Length > 1 && h[0] == 0xFF && (h[1] & 0xE6) == 0xE2) => Named("mp3"),
            _ when h.Length > 1 && h[0] == 0xFF && (h[1] & 0xF6) == 0xF0 => Named("aac"),
            _ when h.StartsWith("OggS"u8) => h.IndexOf("OpusHead"u8) >= 0 ? Named("opus") : Named("ogg"),
            _ when h.StartsWith("fLaC"u8) => Named("flac"),
            _ when h.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) => Named("jpeg"),
            _ when h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) => Named("png"),
            _ when h.StartsWith("GIF8"u8) => Named("gif"),
            _ when h.StartsWith("BM"u8) => Named("bmp"),
            _ when h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8) => Named("tiff"),
            _ => null,
        };
    }

    private static MediaFormat Named(string name) => MediaFormats.ByName(name)!;

    // Walks the top-level boxes: each declares its size, and the last must end exactly at the end of the file.
    private static async ValueTask CheckBoxesAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        long position = 0;
        bool sawMovie = false;
        while (position < stream.Length)
        {
            stream.Position = position;
            int n = await stream.ReadAtLeastAsync(header, 8, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (n < 8)
            {
                throw new MediaUnreadableException($"the file is truncated: it ends inside a box header at byte {position}");
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            sawMovie |= header.AsSpan(4, 4).SequenceEqual("moov"u8);
            if (size == 1)
            {
                size = n >= 16 ? (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)) : long.MaxValue;
            }
            else if (size == 0)
            {
                size = stream.Length - position;
            }

            if (size < 8 || position + size > stream.Length)
            {
                throw new MediaUnreadableException($"the file is truncated or corrupt: a box at byte {position} claims {size} bytes but only {stream.Length - position} remain");
            }

            position += size;
        }

        if (!sawMovie)
        {
            throw new MediaUnreadableException("the MP4 has no 'moov' box (an unfinished recording or a partial download)");
        }
    }
}

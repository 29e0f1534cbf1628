using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Media;

/// <summary>
/// Probes media with TagLibSharp (pure managed: no ffprobe binary needed on the machine), after
/// <see cref="ContainerSniffer"/> has identified the container from the file's content. MP3 length comes from
/// <see cref="Mp3Duration"/> (frame by frame), not TagLib's bitrate estimate.
/// </summary>
public sealed class TagLibMediaProbe : IMediaProbe
{
    /// <inheritdoc />
    public async ValueTask<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        MediaFormat container = await ContainerSniffer.DetectAsync(path, cancellationToken).ConfigureAwait(false);
        long size = new FileInfo(path).Length;
        MediaKind kind = container.Kind;
        try
        {
            using TagLib.File file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), TagLibMime(container.Name), TagLib.ReadStyle.Average);
            TagLib.Properties? p = file.Properties;
            if (p is null)
            {
                throw new MediaUnreadableException($"no stream information could be read from the {container.Name} file");
            }

            if (kind == MediaKind.Video && (p.MediaTypes & TagLib.MediaTypes.Video) == 0 && (p.MediaTypes & TagLib.MediaTypes.Audio) != 0)
            {
                kind = MediaKind.Audio; // e.g. an audio-only MP4
            }

            double? duration = kind == MediaKind.Image ? null
                : container.Name == "mp3" ? Mp3Duration.Read(path)
                : p.Duration.TotalSeconds;
            if (duration is <= 0)
            {
                throw new MediaUnreadableException($"the {container.Name} file reports no duration (empty or damaged stream)");
            }

            int? width = kind == MediaKind.Image ? NonZero(p.PhotoWidth) : NonZero(p.VideoWidth);
            int? height = kind == MediaKind.Image ? NonZero(p.PhotoHeight) : NonZero(p.VideoHeight);
            return new MediaInfo(kind, size, duration, width, height, container.ContentType);
        }
        catch (TagLib.UnsupportedFormatException) when (kind == MediaKind.Image)
        {
            return new MediaInfo(kind, size, null, null, null, container.ContentType); // e.g. WebP: kind known, dimensions not
        }
        catch (Exception ex) when (ex is TagLib.CorruptFileException or TagLib.UnsupportedFormatException or IOException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new MediaUnreadableException($"the {container.Name} file is corrupt or truncated ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    private static int? NonZero(int value) => value > 0 ? value : null;

    private static string TagLibMime(string format) => format switch
    {
        "mp4" or "mov" or "m4a" => "taglib/mp4",
        "webm" => "taglib/webm",
        "mkv" => "taglib/mkv",
        "opus" => "taglib/opus",
        "jpeg" => "taglib/jpg",
        _ => "taglib/" + format,
    };
}

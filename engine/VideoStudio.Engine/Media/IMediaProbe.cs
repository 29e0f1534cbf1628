using VideoStudio.Contracts;

namespace VideoStudio.Engine.Media;

/// <summary>Reads facts from a local media file.</summary>
public interface IMediaProbe
{
    /// <summary>Probes the file.</summary>
    /// <exception cref="MediaUnreadableException">The file is corrupt, truncated or not a supported format.</exception>
    ValueTask<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken);
}

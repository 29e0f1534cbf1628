namespace VideoStudio.Contracts;

/// <summary>The kind of media a field takes.</summary>
public enum MediaKind
{
    /// <summary>A still image.</summary>
    Image,

    /// <summary>A video (may carry audio).</summary>
    Video,

    /// <summary>An audio track.</summary>
    Audio,
}

namespace VideoStudio.Engine.Media;

/// <summary>A media file that cannot be read; the message says why in words a person can act on.</summary>
public sealed class MediaUnreadableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaUnreadableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

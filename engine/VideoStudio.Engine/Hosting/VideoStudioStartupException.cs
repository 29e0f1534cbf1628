namespace VideoStudio.Engine.Hosting;

/// <summary>The host cannot start VideoStudio as configured; the message names the folder or setting and the fix.</summary>
public sealed class VideoStudioStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VideoStudioStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public VideoStudioStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VideoStudioStartupException()
    {
    }
}

namespace VideoStudio.Server.Http;

/// <summary>Whether the server is ready: set once the catalog is loaded and unfinished jobs are resumed.</summary>
public sealed class ServerReadiness
{
    private volatile bool ready;

    /// <summary>True once started.</summary>
    public bool IsReady => ready;

    /// <summary>Marks the server ready.</summary>
    public void MarkReady() => ready = true;
}

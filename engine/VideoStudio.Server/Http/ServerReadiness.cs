namespace VideoStudio.Server.Http;

/// <summary>Whether the server is ready: set once the catalog is loaded and unfinished jobs are resumed.</summary>
public sealed class ServerReadiness
{
    private volatile bool ready;
    private volatile string? waiting;

    /// <summary>True once started.</summary>
    public bool IsReady => ready;

    /// <summary>Why the server is not ready yet, when it is waiting for something (the job store during an outage).</summary>
    public string? Waiting => waiting;

    /// <summary>Marks the server ready.</summary>
    public void MarkReady()
    {
        waiting = null;
        ready = true;
    }

    /// <summary>Records what start-up is waiting for.</summary>
    public void MarkWaiting(string reason) => waiting = reason;
}

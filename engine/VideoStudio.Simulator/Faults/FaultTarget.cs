namespace VideoStudio.Simulator;

/// <summary>Which kind of request a fault applies to.</summary>
public enum FaultTarget
{
    /// <summary><c>POST /api/v3/{model}</c>.</summary>
    Submit,

    /// <summary><c>GET /api/v3/predictions/{id}[/result]</c>.</summary>
    ResultPoll,

    /// <summary><c>GET /outputs/{id}.mp4</c> (<c>.png</c>, <c>.wav</c> for image and audio models).</summary>
    Output,

    /// <summary>Both upload flows (ticket, multipart, PUT).</summary>
    Upload,
}

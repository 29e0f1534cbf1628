namespace VideoStudio.Simulator;

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>Answer <see cref="FaultRule.StatusCode"/> (500/502/503/504) with an error envelope; nothing is stored.</summary>
    HttpError,

    /// <summary>Answer 429 with <c>Retry-After: </c><see cref="FaultRule.RetryAfterSeconds"/>; nothing is stored.</summary>
    RateLimited,

    /// <summary>Submit only: store and charge the task, then abort the connection before any response byte.</summary>
    DropAfterAccept,

    /// <summary>Wait <see cref="FaultRule.DelayMilliseconds"/> (on the simulator's clock) before handling the request.</summary>
    Delay,

    /// <summary>Submit only: the accepted task later fails with <see cref="FaultRule.TaskCode"/>.</summary>
    FailTask,

    /// <summary>HTTP 200 with envelope <c>code</c> = <see cref="FaultRule.EnvelopeCode"/>; a submit stores nothing.</summary>
    EnvelopeError,

    /// <summary>Output only: send the headers for the whole body, then abort after <see cref="FaultRule.BreakAfterBytes"/> bytes.</summary>
    BreakDownload,

    /// <summary>Output only: answer 410 as if the retention period had passed.</summary>
    ExpireOutput,

    /// <summary>
    /// Submit only: store and charge the task, then wait <see cref="FaultRule.DelayMilliseconds"/> before answering —
    /// the window in which a client may die knowing it sent the POST but not the task id.
    /// </summary>
    DelayAfterAccept,

    /// <summary>Output only: send the body at no more than <see cref="FaultRule.BytesPerSecond"/> (a slow CDN).</summary>
    SlowDownload,
}

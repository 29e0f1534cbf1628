using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs;

/// <summary>What just happened to a job.</summary>
public enum JobEventKind
{
    /// <summary>Waiting for a submission slot.</summary>
    Queued,

    /// <summary>Uploading local media (<see cref="JobEvent.Bytes"/> of <see cref="JobEvent.TotalBytes"/>).</summary>
    Uploading,

    /// <summary>The provider accepted the task.</summary>
    Submitted,

    /// <summary>Still running (<see cref="JobEvent.ElapsedSeconds"/> vs <see cref="JobEvent.ExpectedSeconds"/>).</summary>
    Processing,

    /// <summary>Downloading outputs.</summary>
    Downloading,

    /// <summary>Done and downloaded.</summary>
    Completed,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>The submission's outcome is unknown and reconciliation did not settle it.</summary>
    NeedsDecision,
}

/// <summary>One progress event of a job.</summary>
public sealed record JobEvent(
    string JobId, JobEventKind Kind, JobState State, DateTimeOffset At, string? Message = null,
    long? Bytes = null, long? TotalBytes = null, double? ElapsedSeconds = null, double? ExpectedSeconds = null)
{
    /// <summary>
    /// What a completed event says about its output: the file's name only. Events go to clients (SSE, webhooks), which
    /// must never see a server path; they download the file from the job (GET /v1/jobs/{id}/output).
    /// </summary>
    internal static string? CompletedMessage(IReadOnlyList<JobOutput> outputs) =>
        outputs.Count > 0 && outputs[0].LocalPath is string path ? Path.GetFileName(path) : null;
}

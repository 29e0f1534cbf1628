namespace VideoStudio.Contracts;

/// <summary>Where a job stands. Terminal states are <see cref="Completed"/>, <see cref="Failed"/> and <see cref="Cancelled"/>.</summary>
public enum JobState
{
    /// <summary>Accepted and waiting for a submission slot.</summary>
    Queued,

    /// <summary>Uploading local media.</summary>
    Uploading,

    /// <summary>Recorded before the paid POST; the outcome of the POST is not known yet.</summary>
    Submitting,

    /// <summary>The provider accepted it; waiting for it to finish.</summary>
    Processing,

    /// <summary>The provider finished; outputs are being downloaded.</summary>
    Downloading,

    /// <summary>Finished and downloaded.</summary>
    Completed,

    /// <summary>Finished without a result.</summary>
    Failed,

    /// <summary>Stopped by the caller.</summary>
    Cancelled,

    /// <summary>The POST may have created a paid task but its answer was lost and reconciliation did not find it: a person decides.</summary>
    NeedsDecision,
}

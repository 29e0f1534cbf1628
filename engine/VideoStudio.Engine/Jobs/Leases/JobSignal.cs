namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>What another process asks of a job's holder, through the store.</summary>
internal enum JobSignal
{
    /// <summary>A caller cancelled the job on another process.</summary>
    Cancel,

    /// <summary>A verified webhook arrived on another process: check the result now instead of at the next poll.</summary>
    CheckNow,
}

/// <summary>One signal taken from the store.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Signal">What is asked.</param>
internal sealed record JobSignalNotice(string JobId, JobSignal Signal);

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// What happens to a job in one state: a small function of the job, its plan, the provider and the clock that
/// returns what to do next. A step writes nothing itself except through its <see cref="StepContext.Fence"/>
/// (the write-ahead and the lease proofs that must precede acting outside the store).
/// </summary>
internal interface IJobStep
{
    /// <summary>Runs the step once.</summary>
    /// <param name="step">The job and what it runs with.</param>
    /// <param name="cancellationToken">Fires when the job is cancelled, its lease lost, or the host stops.</param>
    Task<StepResult> RunAsync(StepContext step, CancellationToken cancellationToken);
}

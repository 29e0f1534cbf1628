using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>
/// What a step asks the executor to do with its job: <see cref="Advance"/> to a new state (written in one fenced
/// write), or <see cref="Wait"/> until a time and say why. Failing is advancing to <see cref="JobState.Failed"/>.
/// </summary>
internal abstract record StepResult
{
    /// <summary>Ends the job as failed with a stable code; settles its reservation to what we believe was billed.</summary>
    public static Advance Fail(JobRecord job, string code, string message, decimal chargedUsd, DateTimeOffset at) =>
        new(job.MoveTo(JobState.Failed, at) with { Error = new JobError(code, message), FinalCostUsd = chargedUsd, CostSource = "estimated" }, JobEventKind.Failed, message)
        {
            SettleUsd = chargedUsd,
        };
}

/// <summary>Move the job to <see cref="Next"/> (already moved and changed by the step).</summary>
/// <param name="Next">The job as it should be stored (its <see cref="JobRecord.Version"/> the one read).</param>
/// <param name="Kind">The event announcing it.</param>
/// <param name="Message">What the event and the log say.</param>
internal sealed record Advance(JobRecord Next, JobEventKind Kind, string? Message) : StepResult
{
    /// <summary>Settles the reservation to this amount in the same write; null leaves it held.</summary>
    public decimal? SettleUsd { get; init; }

    /// <summary>When the next step runs, from now (zero: at once).</summary>
    public TimeSpan RunIn { get; init; }

    /// <summary>
    /// Set when <see cref="Next"/> takes a prediction id: the write then also proves the task can be this job's
    /// (<see cref="IJobStore.TryAdoptAsync"/>), and <see cref="IfRefused"/> is applied instead when it cannot.
    /// </summary>
    public Adoption? Adopts { get; init; }

    /// <summary>What to do when the store refuses the adoption.</summary>
    public StepResult? IfRefused { get; init; }

    /// <summary>The provider's answer the step read, handed to the next step so it need not read it again.</summary>
    public Providers.ProviderTask? Answer { get; init; }
}

/// <summary>Stay in the current state and run the step again at <see cref="Until"/>.</summary>
/// <param name="Until">When to run the step again.</param>
/// <param name="Reason">Why (logged, and published as the event's message).</param>
/// <param name="Note">What the job's record says meanwhile (written only when it changes); null leaves it.</param>
internal sealed record Wait(DateTimeOffset Until, string Reason, JobError? Note = null) : StepResult
{
    /// <summary>The job as the step stored it (through its fence), when it wrote before deciding to wait; null when it did not.</summary>
    public JobRecord? Stored { get; init; }
}

/// <summary>Where an adopted prediction id comes from.</summary>
internal enum Adoption
{
    /// <summary>The POST's own answer: this job's task, unless another job already holds it.</summary>
    OwnAnswer,

    /// <summary>Found in the provider's history: this job's only when no other job could own it.</summary>
    FromHistory,
}

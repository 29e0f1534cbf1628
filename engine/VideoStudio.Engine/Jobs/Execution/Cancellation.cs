using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs.Steps;

namespace VideoStudio.Engine.Jobs.Execution;

/// <summary>
/// What a cancel writes, by how far the job got: a task the provider may have accepted stays charged (it has no
/// cancel call); before that nothing is. A cancel lands between steps: a running step is interrupted, except from the
/// write-ahead to the POST's answer, which is waited for, so the prediction id (or the refusal) is known first.
/// </summary>
internal static class Cancellation
{
    /// <summary>The cancel of <paramref name="job"/> as stored.</summary>
    public static Advance Of(JobRecord job, DateTimeOffset at)
    {
        (string note, decimal charged) = job switch
        {
            { PredictionId: string prediction } =>
                ($"Stopped watching prediction {prediction}; the provider has no cancel call, so the task may still run and be billed.", job.EstimateUsd ?? 0m),
            { State: JobState.Submitting } =>
                ("Cancelled while its submission's outcome was unknown: if the provider accepted it, it may be billed.", job.EstimateUsd ?? 0m),
            { SubmitAttempts: > 0, Error: JobError refusal } =>
                ($"Cancelled before submission; the provider refused the submission ({refusal.Message}), so nothing was charged.", 0m),
            _ => ("Cancelled before submission: nothing was charged.", 0m),
        };
        return new Advance(job.MoveTo(JobState.Cancelled, at) with { Error = new JobError(ErrorCodes.Cancelled, note), FinalCostUsd = charged, CostSource = "estimated" },
            JobEventKind.Cancelled, note)
        {
            SettleUsd = charged,
        };
    }
}

using VideoStudio.Engine.Plugins;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// What a job runs with, decided once (when it is accepted, or when this host takes it on) and passed down every step
/// instead of being looked up again: its model at the plugin version it was priced with, and its poll plan.
/// </summary>
/// <param name="Model">The model at the job's recorded plugin version.</param>
/// <param name="Poll">When to check the task, how to back off, when to give up.</param>
internal sealed record JobPlan(ModelDefinition Model, PollPolicy Poll)
{
    /// <summary>The plan of <paramref name="job"/> on <paramref name="model"/>: the poll plan sized by the job's scaling media (probed or hinted at acceptance).</summary>
    public static JobPlan For(JobRecord job, ModelDefinition model, JobOptions options)
    {
        double? mediaSeconds = model.Processing.PerMediaSecond is { } scaling && job.MediaSeconds?.TryGetValue(scaling.Field, out double s) == true ? s : null;
        return new JobPlan(model, PollPolicy.For(model.Processing, mediaSeconds, options.ProcessingTimeScale));
    }
}

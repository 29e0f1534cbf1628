using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Steps;

/// <summary>The step of each state a job can be worked on in; the settled states have none.</summary>
internal sealed class JobSteps(QueuedStep queued, SubmittingStep submitting, ProcessingStep processing, DownloadingStep downloading)
{
    /// <summary>The step that runs a job in <paramref name="state"/>; null when nothing runs in it.</summary>
    public IJobStep? For(JobState state) => state switch
    {
        JobState.Queued or JobState.Uploading => queued, // Uploading: a record written before uploads stopped being a state of their own
        JobState.Submitting => submitting,
        JobState.Processing => processing,
        JobState.Downloading => downloading,
        _ => null,
    };
}

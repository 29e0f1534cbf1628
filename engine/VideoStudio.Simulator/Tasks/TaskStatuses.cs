namespace VideoStudio.Simulator.Tasks;

/// <summary>The status strings WaveSpeed sends (wavespeed-api.md §5).</summary>
internal static class TaskStatuses
{
    public const string Created = "created";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

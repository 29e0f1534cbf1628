namespace VideoStudio.Simulator.Tasks;

/// <summary>WaveSpeed task error codes (wavespeed-api.md §7) and the text a failed task carries for each.</summary>
internal static class TaskCodes
{
    public const int MediaUnreachable = 1402;
    public const int SyncTimeout = 5004;

    public static string Describe(int code) => code switch
    {
        1200 => "Content blocked by moderation.",
        1400 => "Missing required parameter.",
        1401 => "Invalid parameter value.",
        1402 => "Media URL unreachable or cannot be downloaded.",
        1403 => "Task execution failed.",
        1405 => "Task failed.",
        5000 => "Internal error.",
        5003 => "Service unavailable.",
        5004 => "Timeout.",
        _ => $"Task failed with code {code}.",
    };
}

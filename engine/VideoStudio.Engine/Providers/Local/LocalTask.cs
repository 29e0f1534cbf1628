using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>A local task as kept in <c>tasks/&lt;id&gt;/task.json</c>: the input as submitted, where it stands, and its output or FFmpeg's reason.</summary>
/// <param name="Id">Task id (32 hex digits, time-ordered).</param>
/// <param name="Model">The operation's model id.</param>
/// <param name="Input">The input as submitted (echoed by the history, so a lost submission is found by its fingerprint).</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Outputs">Output URLs (<c>file:</c>) once completed.</param>
/// <param name="Error">Why it failed, in one line.</param>
/// <param name="ErrorKind">What the failure means to the jobs.</param>
internal sealed record LocalTask(string Id, string Model, JsonObject Input, DateTimeOffset CreatedAt, ProviderTaskStatus Status, IReadOnlyList<string> Outputs, string? Error, ProviderErrorKind? ErrorKind)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };

    /// <summary>The task in the seam's terms.</summary>
    public ProviderTask ToProviderTask() =>
        new(Id, Model, Status, Status.ToString().ToLowerInvariant(), Outputs, Error, ErrorKind is null ? null : "ffmpeg", CreatedAt, (JsonObject)Input.DeepClone()) { ErrorKind = ErrorKind };

    /// <summary>Reads <paramref name="path"/>, or null when there is no such task.</summary>
    public static async Task<LocalTask?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using FileStream stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<LocalTask>(stream, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the task to <paramref name="path"/> whole (a temporary file, then a rename), so a crash never leaves half a record.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Options), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}

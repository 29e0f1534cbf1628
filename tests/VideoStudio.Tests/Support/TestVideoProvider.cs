using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Tests.Support;

/// <summary>
/// An <see cref="IVideoProvider"/> whose every call is a callback the test sets (like MEAI's <c>TestChatClient</c>);
/// a call the test did not expect throws. Counts submissions, the one call that costs money. Of the optional
/// capabilities it offers charges (through <see cref="GetService"/>), as a billing provider does.
/// </summary>
internal sealed class TestVideoProvider : IVideoProvider, IProviderCharges
{
    private int submissions;

    public VideoProviderMetadata Metadata { get; set; } = new("test", "http://127.0.0.1:5999");

    public int Submissions => submissions;

    public Func<string, JsonObject, Uri?, CancellationToken, Task<ProviderTask>>? SubmitAsyncCallback { get; set; }

    public Func<string, CancellationToken, Task<ProviderTask>>? GetResultAsyncCallback { get; set; }

    public Func<ProviderTaskQuery, CancellationToken, Task<IReadOnlyList<ProviderTask>>>? ListTasksAsyncCallback { get; set; }

    public Func<string, IProgress<long>?, CancellationToken, Task<Uri>>? UploadAsyncCallback { get; set; }

    public Func<Uri, string, IProgress<long>?, CancellationToken, Task<DownloadedFile>>? DownloadAsyncCallback { get; set; }

    public Func<string, CancellationToken, Task<decimal?>>? GetChargeAsyncCallback { get; set; }

    public Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref submissions);
        return Call(SubmitAsyncCallback)(modelId, input, webhook, cancellationToken);
    }

    public Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken) => Call(GetResultAsyncCallback)(taskId, cancellationToken);

    public Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken) => Call(ListTasksAsyncCallback)(query, cancellationToken);

    public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) => Call(UploadAsyncCallback)(localPath, bytesSent, cancellationToken);

    public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken) =>
        Call(DownloadAsyncCallback)(url, destinationPath, bytesReceived, cancellationToken);

    public Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken) => Call(GetChargeAsyncCallback)(taskId, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>A task in <paramref name="status"/>, with <paramref name="outputs"/> and the input it was sent with.</summary>
    public static ProviderTask Answer(string id, ProviderTaskStatus status, string model = "m", JsonObject? input = null, params string[] outputs) =>
        new(id, model, status, status.ToString().ToLowerInvariant(), outputs, null, null, null, input);

    private static T Call<T>(T? callback)
        where T : class => callback ?? throw new InvalidOperationException("The test did not expect this provider call.");
}

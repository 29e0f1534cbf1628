using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// A simulator with its own output cache folder and a scratch folder for input media: submit, wait, download the
/// output and ffprobe it. Every call honours the harness deadline (renders take seconds, not milliseconds).
/// </summary>
internal sealed class OutputShapeHarness : IAsyncDisposable
{
    private readonly string folder;

    private OutputShapeHarness(SimulatorHarness sim, string folder, string cacheDirectory)
    {
        Sim = sim;
        this.folder = folder;
        CacheDirectory = cacheDirectory;
    }

    public SimulatorHarness Sim { get; }

    public CancellationToken Token => Sim.Token;

    /// <summary>This simulator's own render cache (inside the scratch folder), so tests see their own renders.</summary>
    public string CacheDirectory { get; }

    public static async Task<OutputShapeHarness> StartAsync(string? ffmpegPath = null, string cacheName = "cache")
    {
        string folder = Directory.CreateTempSubdirectory("videostudio-shape-tests-").FullName;
        string cache = Path.Combine(folder, cacheName);
        SimulatorHarness sim = await SimulatorHarness.StartAsync(
            o => new() { ApiKey = o.ApiKey, FixedLatency = TimeSpan.FromMilliseconds(200), FfmpegPath = ffmpegPath, OutputCacheDirectory = cache },
            TimeSpan.FromSeconds(120));
        return new OutputShapeHarness(sim, folder, cache);
    }

    public string PathFor(string name) => Path.Combine(folder, name);

    /// <summary>Runs one task to the end and returns what ffprobe reads from its output (saved under <paramref name="name"/>).</summary>
    public async Task<(string File, FfmpegProcess.Probed Probe)> RunAsync(string model, JsonObject input, string name)
    {
        string id = await Sim.SubmitAsync(input, model);
        JsonObject done = await Sim.PollUntilTerminalAsync(id);
        done["status"]!.GetValue<string>().ShouldBe("completed", done.ToJsonString());
        string file = PathFor(name);
        await File.WriteAllBytesAsync(file, await Sim.Anonymous.GetByteArrayAsync(done["outputs"]![0]!.GetValue<string>(), Token), Token);
        return (file, await FfmpegProcess.ProbeAsync(file, Token));
    }

    /// <summary>Uploads a local file the way the SDKs do and returns its URL on the simulator.</summary>
    public async Task<string> UploadAsync(string path, string contentType)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, Token));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", Path.GetFileName(path) } };
        using HttpResponseMessage response = await Sim.Api.PostAsync("api/v3/media/upload/binary", form, Token);
        response.IsSuccessStatusCode.ShouldBeTrue();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["data"]!["download_url"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}

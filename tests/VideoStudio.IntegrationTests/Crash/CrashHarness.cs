using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// A standalone simulator process and a data directory shared by successive CLI client processes. The test
/// observes only what a person could: the job store (read-only, beside the writer — WAL allows it) and the
/// simulator's test-control endpoints. Everything is bounded by one deadline; every child is killed on dispose.
/// </summary>
internal sealed class CrashHarness : IAsyncDisposable
{
    public const string ApiKey = "crash-test-key";

    private readonly CancellationTokenSource deadline;
    private readonly List<ChildProcess> children = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ChildProcess simulator;

    private CrashHarness(ChildProcess simulator, string baseUrl, string dataDirectory, CancellationTokenSource deadline)
    {
        this.simulator = simulator;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        this.deadline = deadline;
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public CancellationToken Token => deadline.Token;

    private string DatabasePath => Path.Combine(DataDirectory, "videostudio.db");

    /// <summary>Starts the simulator process (tasks take the model's expected time × <paramref name="latencyScale"/>).</summary>
    public static async Task<CrashHarness> StartAsync(double latencyScale, TimeSpan? timeout = null, int? submitsPerMinute = null)
    {
        var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        string baseUrl = $"http://127.0.0.1:{FreePort()}";
        string[] limit = submitsPerMinute is int n ? ["--submits-per-minute", n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        ChildProcess sim = ChildProcess.Start(
            ["simulator", "--urls", baseUrl, "--api-key", ApiKey, "--latency-scale", latencyScale.ToString(System.Globalization.CultureInfo.InvariantCulture), .. limit],
            new Dictionary<string, string>());
        string data = Path.Combine(Path.GetTempPath(), "videostudio-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var harness = new CrashHarness(sim, baseUrl, data, deadline);
        try
        {
            await harness.UntilAsync(async () => await harness.TryStatsAsync() is not null, "the simulator to listen");
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>Adds a fault rule through <c>POST /_simulator/faults</c>.</summary>
    public async Task AddFaultAsync(FaultRule rule)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(BaseUrl + "/_simulator/faults", rule, Json.Options, Token);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> StatsAsync() => await TryStatsAsync() ?? throw new InvalidOperationException("The simulator is not answering.");

    /// <summary><c>videostudio generate MODEL --input JSON --json</c> against the simulator, in the shared data directory.</summary>
    public ChildProcess StartGenerate(string model, JsonObject input, string idempotencyKey) =>
        Client(["generate", model, "--input", input.ToJsonString(), "--idempotency-key", idempotencyKey, "--json"]);

    /// <summary><c>videostudio jobs resume</c> to its end (it waits for every unfinished job); returns its output.</summary>
    public async Task<string> ResumeAsync()
    {
        ChildProcess resume = Client(["jobs", "resume"]);
        int code = await resume.WaitForExitAsync(Token);
        code.ShouldBe(0, $"jobs resume failed.\nstdout:\n{resume.StandardOutput}\nstderr:\n{resume.StandardError}");
        return resume.StandardOutput;
    }

    /// <summary>Every job in the store, read the way a second process would (read-only, no migration).</summary>
    public async Task<IReadOnlyList<JobRecord>> JobsAsync()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }

        try
        {
            string cs = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 }.ToString();
            await using var connection = new SqliteConnection(cs);
            await connection.OpenAsync(Token);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT record FROM jobs ORDER BY created_at";
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(Token);
            var jobs = new List<JobRecord>();
            while (await reader.ReadAsync(Token))
            {
                jobs.Add(JsonSerializer.Deserialize<JobRecord>(reader.GetString(0), Json.Options)!);
            }

            return jobs;
        }
        catch (SqliteException)
        {
            return []; // Not created or not migrated yet.
        }
    }

    /// <summary>Waits (polling every 25 ms) until the only job reaches <paramref name="state"/> and <paramref name="also"/> holds.</summary>
    public async Task<JobRecord> WaitForJobAsync(JobState state, Func<JobRecord, JsonObject, bool>? also = null, ChildProcess? client = null)
    {
        JobRecord? found = null;
        await UntilAsync(async () =>
        {
            if (client is { HasExited: true })
            {
                throw new InvalidOperationException($"The client exited before the job reached {state}.\nstdout:\n{client.StandardOutput}\nstderr:\n{client.StandardError}");
            }

            IReadOnlyList<JobRecord> jobs = await JobsAsync();
            if (jobs.Count == 1 && jobs[0].State == state && (also is null || also(jobs[0], await StatsAsync())))
            {
                found = jobs[0];
                return true;
            }

            return false;
        }, $"the job to reach {state}");
        return found!;
    }

    /// <summary>Bytes of a clean, unfaulted download of a prediction's output (what the file must equal).</summary>
    public async Task<string> CleanDownloadSha256Async(string predictionId)
    {
        byte[] bytes = await http.GetByteArrayAsync($"{BaseUrl}/outputs/{predictionId}.mp4", Token);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// The end state every crash must reach: one job, Completed; the simulator saw exactly one submission and it
    /// is this job's prediction; the output file is whole (its SHA-256 is the record's and a clean download's).
    /// </summary>
    public async Task<JobRecord> AssertSingleCompletedJobAsync()
    {
        IReadOnlyList<JobRecord> jobs = await JobsAsync();
        jobs.Count.ShouldBe(1);
        JobRecord job = jobs[0];
        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        job.SubmitAttempts.ShouldBe(1);

        JsonObject stats = await StatsAsync();
        stats["total_submissions"]!.GetValue<int>().ShouldBe(1, "the simulator must see exactly one paid submission");
        stats["submissions"]![0]!["id"]!.GetValue<string>().ShouldBe(job.PredictionId);

        job.Outputs.Count.ShouldBe(1);
        JobOutput output = job.Outputs[0];
        File.Exists(output.LocalPath).ShouldBeTrue();
        byte[] file = await File.ReadAllBytesAsync(output.LocalPath!, Token);
        file.LongLength.ShouldBe(output.SizeBytes!.Value);
        string sha = Convert.ToHexStringLower(SHA256.HashData(file));
        sha.ShouldBe(output.Sha256);
        sha.ShouldBe(await CleanDownloadSha256Async(job.PredictionId!));
        Directory.GetFiles(Path.GetDirectoryName(output.LocalPath)!).ShouldBe([output.LocalPath], "no partial or staged download may be left behind");
        return job;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ChildProcess child in children)
        {
            await child.DisposeAsync();
        }

        await simulator.DisposeAsync();
        http.Dispose();
        deadline.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// <c>videostudio serve</c> on a free loopback port against the simulator, sharing the data directory (or the
    /// PostgreSQL store at <paramref name="postgres"/>); returns once it answers <c>/health/live</c>.
    /// </summary>
    public async Task<(ChildProcess Process, string Url)> StartServerAsync(int maxConcurrentJobs, string? postgres = null, string? outputs = null, IReadOnlyDictionary<string, string>? settings = null, string? url = null)
    {
        url ??= $"http://127.0.0.1:{FreePort()}";
        var extra = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["VideoStudio__Jobs__MaxConcurrentJobs"] = maxConcurrentJobs.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (postgres is not null)
        {
            extra["VideoStudio__Jobs__Store"] = "postgres";
            extra["VideoStudio__Jobs__ConnectionString"] = postgres;
        }

        if (outputs is not null)
        {
            extra["VideoStudio__Jobs__OutputDirectory"] = outputs;
        }

        ChildProcess server = Client(["serve", "--urls", url], extra);
        await UntilAsync(async () =>
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited.\nstderr:\n{server.StandardError}");
            }

            try
            {
                using HttpResponseMessage live = await http.GetAsync(url + "/health/live", Token);
                return live.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the server to listen");
        return (server, url);
    }

    /// <summary>Submits a job to a server (<c>POST /v1/jobs</c>); returns its id.</summary>
    public async Task<string> SubmitToServerAsync(string serverUrl, string model, JsonObject input)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(serverUrl + "/v1/jobs", new JsonObject { ["model"] = model, ["input"] = input }, Json.Options, Token);
        string body = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The simulator's webhook signing secret (<c>GET /api/v3/webhook/secret</c>).</summary>
    public async Task<string> WebhookSecretAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/api/v3/webhook/secret");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, Token);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        return (body["data"]?["secret"] ?? body["secret"])!.GetValue<string>();
    }

    /// <summary>A free loopback port.</summary>
    public static int Port() => FreePort();

    /// <summary>The harness's HTTP client (bounded by its timeout).</summary>
    public HttpClient Http => http;

    /// <summary>Any CLI command in the shared data directory (<c>jobs resume</c>, <c>generate</c>, …).</summary>
    public ChildProcess StartCli(params string[] args) => Client(args);

    /// <summary>Waits (polling every 25 ms) until <paramref name="condition"/> holds, within the harness deadline.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, string what) => UntilAsync(condition, what);

    private ChildProcess Client(string[] args, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["WAVESPEED_API_KEY"] = ApiKey,
            ["WaveSpeed__BaseUrl"] = BaseUrl,
            ["WaveSpeed__PollRetryBaseDelay"] = "00:00:00.050",
            ["WaveSpeed__DownloadRetryDelay"] = "00:00:00.050",
            // Poll at simulator speed (tasks take seconds here, not minutes) and give up reconciling quickly.
            ["VideoStudio__Jobs__ProcessingTimeScale"] = "0.01",
            ["VideoStudio__Jobs__ReconcileWindow"] = "00:00:20",
            ["VideoStudio__Jobs__MaxConcurrentJobs"] = "8",
            ["VideoStudio__Jobs__SubmitsPerMinute"] = "600",
            // Short leases, so a killed process's jobs are taken over within seconds.
            ["VideoStudio__Jobs__LeaseDuration"] = "00:00:03",
            ["VideoStudio__Jobs__LeaseRenewInterval"] = "00:00:01",
            ["VideoStudio__Jobs__SignalInterval"] = "00:00:00.250",
        };
        foreach ((string key, string value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        ChildProcess child = ChildProcess.Start(["--data-dir", DataDirectory, .. args], environment);
        children.Add(child);
        return child;
    }

    private async Task<JsonObject?> TryStatsAsync()
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(BaseUrl + "/_simulator/stats", Token);
            return response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(await response.Content.ReadAsStringAsync(Token)) is JsonObject envelope
                ? envelope["data"] as JsonObject
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        while (!await condition())
        {
            if (Token.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}.\nsimulator stderr:\n{simulator.StandardError}");
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

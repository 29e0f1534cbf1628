using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Benchmarks;

/// <summary>
/// <c>jobs-load [--jobs N] [--latency-seconds S] [--submit-concurrency C] [--poll-concurrency P]</c>: N jobs in flight
/// at once against a simulator in its own process (videostudio simulator: every task the same length, no tier limits),
/// through the whole engine (AddVideoStudio) in this one.
/// Submits them all, waits until every one is terminal, and prints wall time, memory, store size and what the
/// simulator saw. Outputs go to a temporary data directory that is deleted afterwards.
/// </summary>
internal static class JobsLoad
{
    private const string ApiKey = "load-key";
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    // processing.ModelExpectedSeconds of that model in the Ltx2 plugin manifest.
    private const double ModelExpectedSeconds = 45;

    public static async Task<int> RunAsync(string[] args)
    {
        int jobs = Option(args, "--jobs", 10_000);
        int latencySeconds = Option(args, "--latency-seconds", 25);
        int submitConcurrency = Option(args, "--submit-concurrency", 64);
        int pollConcurrency = Option(args, "--poll-concurrency", 64);
        // --postgres CONNECTION_STRING: the PostgreSQL store (an empty database) instead of SQLite in the data directory.
        int pgAt = Array.IndexOf(args, "--postgres");
        string? postgres = pgAt >= 0 && pgAt + 1 < args.Length ? args[pgAt + 1] : null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        CancellationToken ct = timeout.Token;
        string plugins = Path.Combine(AppContext.BaseDirectory, "plugins");
        string data = Path.Combine(Path.GetTempPath(), "videostudio-load-" + Guid.NewGuid().ToString("N"));

        // The simulator in its own process, so the figures below are the engine's alone: every task takes exactly
        // latencySeconds (the model's 45 s x the latency scale), every output is the bundled sample clip.
        await using SimulatorProcess simulator = await SimulatorProcess.StartAsync(ApiKey,
            ["--latency-scale", (latencySeconds / ModelExpectedSeconds).ToString("R", CultureInfo.InvariantCulture), "--ffmpeg", "none", "--balance", "1000000"], ct);

        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = plugins;
            o.ProbeRemoteMedia = false;
        });
        services.Configure<JobOptions>(o =>
        {
            o.DataDirectory = data;
            o.MaxConcurrentJobs = jobs + 1_000;
            o.SubmitsPerMinute = 1_000_000;
            o.PollConcurrency = pollConcurrency;
            // The manifest's expected time is real-model time; the simulator takes latencySeconds: scale the poll plan to match.
            o.ProcessingTimeScale = latencySeconds / ModelExpectedSeconds;
            if (postgres is not null)
            {
                o.Store = "postgres";
                o.ConnectionString = postgres;
            }
        });
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.BaseUrl = new Uri(simulator.BaseUrl);
            o.ApiKey = ApiKey;
        });

        long transactionsBefore = postgres is null ? 0 : await PostgresTransactionsAsync(postgres, ct);
        Console.WriteLine($"jobs-load: {(postgres is null ? "SQLite" : "PostgreSQL")} store, {jobs} jobs, simulator latency {latencySeconds} s, submit concurrency {submitConcurrency}, poll concurrency {pollConcurrency}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var wall = Stopwatch.StartNew();
        int peakThreads = 0;
        int peakInFlight = 0;
        MemorySplit peakSplit = default;
        Dictionary<string, int> states;
        JsonObject stats;
        await using (ServiceProvider engine = services.BuildServiceProvider())
        {
            IVideoJobs videoJobs = engine.GetRequiredService<IVideoJobs>();
            // No host here: the harness runs the job worker itself, as the CLI does, for the length of the load.
            using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task worker = videoJobs.RunAsync(cancellationToken: stopWorker.Token);
            var input = new JsonObject { ["prompt"] = "a paper boat drifting down a gutter stream", ["duration"] = 6 };
            int submitted = 0;
            Task submitting = Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = submitConcurrency, CancellationToken = ct }, async (i, token) =>
            {
                await videoJobs.SubmitAsync(new VideoRequest(Model, (JsonObject)input.DeepClone()) { Owner = "load", IdempotencyKey = "load-" + i.ToString(CultureInfo.InvariantCulture) }, cancellationToken: token);
                Interlocked.Increment(ref submitted);
            });

            string db = Path.Combine(data, "videostudio.db");
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                states = postgres is null ? await CountStatesAsync(db, ct) : await CountPostgresStatesAsync(postgres, ct);
                int terminal = states.Where(s => s.Key is "Completed" or "Failed" or "Cancelled" or "NeedsDecision").Sum(s => s.Value);
                int inFlight = states.GetValueOrDefault("Processing");
                peakInFlight = Math.Max(peakInFlight, inFlight);
                peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
                MemorySplit split = MemorySplit.Now();
                if (split.Rss > peakSplit.Rss)
                {
                    peakSplit = split;
                }

                Console.WriteLine($"  t={wall.Elapsed.TotalSeconds,6:0.0}s submitted={Volatile.Read(ref submitted)} {string.Join(' ', states.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))} threads={Process.GetCurrentProcess().Threads.Count} {split}");
                if (submitting.IsCompleted && terminal >= jobs)
                {
                    await submitting;
                    break;
                }

                if (submitting.IsFaulted)
                {
                    await submitting;
                }
            }

            stats = await simulator.StatsAsync(engine.GetRequiredService<IHttpClientFactory>().CreateClient(), ct);
            await stopWorker.CancelAsync();
            await worker;
        }

        wall.Stop();
        int simSubmissions = stats["total_submissions"]!.GetValue<int>();
        long transactions = postgres is null ? 0 : await PostgresTransactionsAsync(postgres, ct) - transactionsBefore;
        long dbBytes = FileSize(Path.Combine(data, "videostudio.db"));
        long walBytes = FileSize(Path.Combine(data, "videostudio.db-wal"));
        using Process self = Process.GetCurrentProcess();
        GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine();
        Console.WriteLine("## jobs-load result");
        Console.WriteLine($"jobs                    {jobs}");
        Console.WriteLine($"wall time               {wall.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"completed / failed      {states.GetValueOrDefault("Completed")} / {states.GetValueOrDefault("Failed")} (other: {string.Join(", ", states.Where(s => s.Key is not "Completed" and not "Failed").Select(s => $"{s.Key}={s.Value}"))})");
        Console.WriteLine($"peak Processing         {peakInFlight}");
        Console.WriteLine($"simulator submissions   {simSubmissions}");
        Console.WriteLine($"result GETs             {stats["result_gets"]}");
        Console.WriteLine($"output GETs             {stats["output_gets"]}");
        Console.WriteLine($"peak working set        {self.PeakWorkingSet64 / (1024.0 * 1024):0} MiB (this process: the engine, its store and this harness; the simulator is process {simulator.Id})");
        Console.WriteLine($"at the highest sample   {peakSplit}");
        Console.WriteLine($"GC                      heap {gc.HeapSizeBytes / (1024.0 * 1024):0} MiB, committed {gc.TotalCommittedBytes / (1024.0 * 1024):0} MiB, allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024 * 1024):0.0} GiB, gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        Console.WriteLine($"peak threads            {peakThreads}");
        Console.WriteLine($"load average at the end {LoadAverage()}");
        Console.WriteLine(postgres is null
            ? $"store                   {dbBytes / 1024.0 / 1024:0.0} MiB db + {walBytes / 1024.0 / 1024:0.0} MiB wal"
            : $"store transactions      {transactions} committed ({transactions / (double)jobs:0.0} per job, progress queries of this harness included)");
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
        bool ok = states.GetValueOrDefault("Completed") == jobs && simSubmissions == jobs;
        Console.WriteLine(ok ? "OK: every job completed, one submission each" : "NOT OK");
        return ok ? 0 : 1;
    }

    private static async Task<Dictionary<string, int>> CountStatesAsync(string db, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(db))
        {
            return counts;
        }

        try
        {
            await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await c.OpenAsync(ct);
            await using SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = "SELECT state, COUNT(*) FROM jobs GROUP BY state";
            await using SqliteDataReader reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        catch (SqliteException)
        {
            // Not migrated yet.
        }

        return counts;
    }

    private static async Task<Dictionary<string, int>> CountPostgresStatesAsync(string connectionString, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT state, COUNT(*)::int FROM jobs GROUP BY state", c);
            await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        catch (PostgresException)
        {
            // Not migrated yet.
        }

        return counts;
    }

    // Committed transactions of the database so far (every statement outside a transaction is one).
    private static async Task<long> PostgresTransactionsAsync(string connectionString, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", c);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    // The machine's 1, 5 and 15 minute load averages (figures on a shared machine are read against them).
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

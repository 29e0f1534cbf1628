using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Benchmarks;

/// <summary>
/// <c>download [--bytes 1073741824] [--rounds 8]</c>: one output of N bytes from a simulator in its own process
/// (<c>--output-bytes</c>, a generated stream with Range), downloaded in turn by <c>curl</c> and by the engine's
/// downloader (<see cref="WaveSpeedClient.DownloadAsync"/> from the engine's DI, so its IHttpClientFactory client),
/// each round both ways, after one untimed warm-up each. Reports each one's throughput, the engine's CPU time and peak resident memory growth during its download,
/// and checks the engine's streamed SHA-256 against curl's file; then one more engine download cut at half way by
/// the simulator's break-download fault, which must resume with Range and give the same hash. Loopback only; bounded
/// (each transfer times out after 10 minutes); files go to a temporary folder deleted afterwards.
/// </summary>
public static class DownloadLoad
{
    private const string ApiKey = "download-key";

    /// <summary>Runs the harness; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        long bytes = LongOption(args, "--bytes", 1L << 30);
        int rounds = (int)LongOption(args, "--rounds", 8);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        CancellationToken ct = deadline.Token;
        string work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "videostudio-download-" + Guid.NewGuid().ToString("N"))).FullName;
        await using SimulatorProcess simulator = await SimulatorProcess.StartAsync(ApiKey, ["--latency-scale", "0.01", "--ffmpeg", "none", "--output-bytes", bytes.ToString(CultureInfo.InvariantCulture)], ct);

        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.BaseUrl = new Uri(simulator.BaseUrl);
            o.ApiKey = ApiKey;
            o.DownloadAttemptTimeout = TimeSpan.FromMinutes(10);
        });
        await using ServiceProvider engine = services.BuildServiceProvider();
        // The concrete downloader entry point: the only engine types this harness needs are WaveSpeedClient and DownloadedFile.
        WaveSpeedClient downloader = ActivatorUtilities.CreateInstance<WaveSpeedClient>(engine);
        HttpClient http = engine.GetRequiredService<IHttpClientFactory>().CreateClient();
        try
        {
            Uri output = await OutputOfNewTaskAsync(http, simulator, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"download: {bytes} bytes ({bytes / 1048576.0:0} MiB) from {output.GetLeftPart(UriPartial.Authority)} (simulator in its own process), {rounds} rounds, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine("| Round | order | curl | engine | engine / curl | engine CPU | engine peak RSS growth | engine managed allocations |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            string reference;
            var ratios = new List<double>();
            double curlTotal = 0, engineTotal = 0;
            var growths = new List<double>();
            bool ok = true;
            // One untimed transfer each way first (JIT in both processes). Every timed transfer then starts with no dirty
            // pages left by the one before it (sync, and clean caches dropped where permitted), so neither pays for the
            // other's writeback, and after the same 1.5 s pause: the engine ran ~40 % slower right after sitting idle
            // during curl's turn than right after its own, so without the pause the order decided the ratio. The order
            // still alternates by round.
            string warmFile = Path.Combine(work, "warm.mp4");
            await CurlAsync(output, warmFile, ct);
            reference = await Sha256Async(warmFile, ct);
            File.Delete(warmFile);
            await EngineAsync(downloader, output, warmFile, ct);
            File.Delete(warmFile);
            for (int round = 1; round <= rounds; round++)
            {
                double curlSeconds = 0;
                (DownloadedFile? File, double Seconds, double CpuSeconds, long Growth, long Allocated) engineRun = default;
                for (int turn = 0; turn < 2; turn++)
                {
                    await SyncAsync(ct);
                    await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
                    if ((turn == 0) == (round % 2 == 1))
                    {
                        string curlFile = Path.Combine(work, "curl.mp4");
                        curlSeconds = await CurlAsync(output, curlFile, ct);
                        File.Delete(curlFile);
                    }
                    else
                    {
                        string engineFile = Path.Combine(work, "engine.mp4");
                        engineRun = await EngineAsync(downloader, output, engineFile, ct);
                        File.Delete(engineFile);
                    }
                }

                (DownloadedFile? file, double engineSeconds, double engineCpu, long growth, long allocated) = engineRun;
                ok &= file is not null && file.SizeBytes == bytes && file.Sha256 == reference;
                ratios.Add(curlSeconds / engineSeconds);
                curlTotal += curlSeconds;
                engineTotal += engineSeconds;
                growths.Add(growth / 1048576.0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {(round % 2 == 1 ? "curl, engine" : "engine, curl")} | {bytes / 1048576.0 / curlSeconds:0} MiB/s | {bytes / 1048576.0 / engineSeconds:0} MiB/s | {curlSeconds / engineSeconds * 100:0} % | {engineCpu:0.00} s | {growth / 1048576.0:0.0} MiB | {allocated / 1024.0:0} KiB |"));
            }

            // A cut at half way: the engine must resume with Range and still hash every byte exactly once.
            JsonObject before = await simulator.StatsAsync(http, ct);
            using (HttpResponseMessage fault = await http.PostAsJsonAsync(new Uri(simulator.BaseUrl + "/_simulator/faults"),
                new { target = "output", kind = "break-download", breakAfterBytes = bytes / 2, count = 1 }, ct))
            {
                fault.EnsureSuccessStatusCode();
            }

            string resumedFile = Path.Combine(work, "resumed.mp4");
            (DownloadedFile resumed, double resumedSeconds, _, long resumedGrowth, _) = await EngineAsync(downloader, output, resumedFile, ct);
            bool resumedOk = resumed.SizeBytes == bytes && resumed.Sha256 == reference && await Sha256Async(resumedFile, ct) == reference;
            File.Delete(resumedFile);
            JsonObject after = await simulator.StatsAsync(http, ct);
            int gets = after["output_gets"]!.GetValue<int>() - before["output_gets"]!.GetValue<int>();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cut at {bytes / 2} bytes: {gets} output GETs (the first cut, then a Range resume), {resumedSeconds:0.0} s including the 1 s retry delay, peak RSS growth {resumedGrowth / 1048576.0:0.0} MiB, SHA-256 {(resumedOk ? "matches curl's file" : "DIFFERS")}"));
            Console.WriteLine($"SHA-256 of every engine download (streamed) {(ok ? "matches" : "DIFFERS from")} curl's file: {reference}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine / curl throughput: median of the rounds {Median(ratios) * 100:0} %, all rounds pooled {curlTotal / engineTotal * 100:0} % (goal >= 80 %); max peak RSS growth {growths.Max():0.0} MiB (goal <= 32 MB)"));
            bool verified = ok && resumedOk && gets == 2;
            Console.WriteLine(verified ? "OK: every download verified, the cut one resumed" : "NOT OK");
            return verified ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // A text-to-video task on the simulator; its one output URL once it completes (0.45 s at latency scale 0.01).
    private static async Task<Uri> OutputOfNewTaskAsync(HttpClient http, SimulatorProcess simulator, CancellationToken ct)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseUrl + "/api/v3/lightricks/ltx-2-fast/text-to-video"))
        {
            Content = JsonContent.Create(new { prompt = "a paper boat", duration = 6 }),
        };
        submit.Headers.Authorization = new("Bearer", ApiKey);
        using HttpResponseMessage accepted = await http.SendAsync(submit, ct);
        accepted.EnsureSuccessStatusCode();
        string id = JsonNode.Parse(await accepted.Content.ReadAsStringAsync(ct))!["data"]!["id"]!.GetValue<string>();
        for (int i = 0; i < 600; i++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri($"{simulator.BaseUrl}/api/v3/predictions/{id}/result"));
            poll.Headers.Authorization = new("Bearer", ApiKey);
            using HttpResponseMessage result = await http.SendAsync(poll, ct);
            JsonNode data = JsonNode.Parse(await result.Content.ReadAsStringAsync(ct))!["data"]!;
            if (data["status"]?.GetValue<string>() == "completed")
            {
                return new Uri(data["outputs"]![0]!.GetValue<string>());
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"task {id} did not complete within a minute");
    }

    private static async Task<double> CurlAsync(Uri url, string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string arg in (string[])["--silent", "--show-error", "--fail", "--max-time", "600", "--output", file, url.AbsoluteUri])
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using Process curl = Process.Start(start)!;
        string errors = await curl.StandardError.ReadToEndAsync(ct);
        await curl.WaitForExitAsync(ct);
        clock.Stop();
        return curl.ExitCode == 0 ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"curl failed ({curl.ExitCode}): {errors}");
    }

    // Peak RSS growth: the kernel's high-water mark is reset (clear_refs 5) just before the download and read after it.
    private static async Task<(DownloadedFile File, double Seconds, double CpuSeconds, long RssGrowth, long Allocated)> EngineAsync(WaveSpeedClient downloader, Uri url, string file, CancellationToken ct)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long rssBefore = MemorySplit.StatusBytes("VmRSS");
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5", ct);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        DownloadedFile downloaded = await downloader.DownloadAsync(url, file, null, ct);
        clock.Stop();
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long peak = MemorySplit.StatusBytes("VmHWM");
        return (downloaded, clock.Elapsed.TotalSeconds, cpuSeconds, Math.Max(0, peak - rssBefore), allocated);
    }

    private static async Task SyncAsync(CancellationToken ct)
    {
        using Process sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false })!;
        await sync.WaitForExitAsync(ct);
        try
        {
            await File.WriteAllTextAsync("/proc/sys/vm/drop_caches", "1", ct); // Clean page cache too, where permitted (root).
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static async Task<string> Sha256Async(string file, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long LongOption(string[] args, string name, long fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

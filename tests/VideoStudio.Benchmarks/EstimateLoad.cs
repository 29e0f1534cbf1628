using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Server;

namespace VideoStudio.Benchmarks;

/// <summary>
/// `estimate-load [--requests N] [--concurrency C] [--warmup W] [--rate R --seconds S]`: starts the server in-process
/// on 127.0.0.1 (no provider needed: estimating never calls it), fires N POST /v1/estimate with C in flight, prints
/// latency percentiles and throughput. With <c>--rate</c>, open loop instead: R requests a second for S seconds, to a
/// 404 route (the reference: Kestrel, middleware and client alone) and to POST /v1/estimate, alternately, twice.
/// Bounded: it stops after its requests or 10 minutes, whichever comes first.
/// </summary>
public static class EstimateLoad
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    /// <summary>Runs the harness; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int requests = IntOption(args, "--requests", 20_000);
        int concurrency = IntOption(args, "--concurrency", 32);
        int warmup = IntOption(args, "--warmup", 500);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        string data = Path.Combine(Path.GetTempPath(), "videostudio-bench-" + Guid.NewGuid().ToString("N"));
        await using WebApplication app = await VideoStudioServer.BuildAsync(["--urls=http://127.0.0.1:0"], services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
            services.Configure<JobOptions>(o => o.DataDirectory = data);
        });
        await app.StartAsync(deadline.Token);
        try
        {
            HttpClient client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
            client.BaseAddress = new Uri(app.Urls.First());
            await FireAsync(client, warmup, concurrency, deadline.Token); // JIT, connection pool, caches
            if (IntOption(args, "--rate", 0) is int rate and > 0)
            {
                // Open loop: requests leave on a fixed timetable whatever the answers do; the 404 route is the floor.
                int seconds = IntOption(args, "--seconds", 20);
                Console.WriteLine("| Round | Target | Requests | from due: p50 | p95 | p99 | max | from send: p50 | p99 | max | |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
                await OpenLoopAsync(client, "/v1/no-such-route", HttpStatusCode.NotFound, rate, 2, deadline.Token); // warm the 404 path
                foreach (string round in new[] { "1", "2" })
                {
                    Report("404 route (reference), round " + round, await OpenLoopAsync(client, "/v1/no-such-route", HttpStatusCode.NotFound, rate, seconds, deadline.Token), rate, seconds);
                    Report("POST /v1/estimate, round " + round, await OpenLoopAsync(client, "/v1/estimate", HttpStatusCode.OK, rate, seconds, deadline.Token), rate, seconds);
                }

                return 0;
            }

            var clock = Stopwatch.StartNew();
            long[] latencies = await FireAsync(client, requests, concurrency, deadline.Token);
            clock.Stop();
            Report(latencies, requests, concurrency, clock.Elapsed);
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            Directory.Delete(data, recursive: true);
        }
    }

    // C workers take request numbers from one counter until N are done; each latency is stored in Stopwatch ticks.
    private static async Task<long[]> FireAsync(HttpClient client, int count, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new long[count];
        int next = -1;
        var body = new { model = Model, input = new { prompt = "a paper boat drifting down a gutter stream", duration = 10 } };
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsJsonAsync("/v1/estimate", body, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /v1/estimate answered {(int)response.StatusCode}");
                }
            }
        }));
        return latencies;
    }

    // Request i is due at start + i / rate and timed from then, not from when it left (no coordinated omission):
    // a stall shows as the latency of every request it delayed. Because the sender never waits for an answer, the time
    // from the request leaving to its answer is recorded too: the difference is the load generator's own lateness
    // (Task.Delay oversleeps, and the send hops to the thread pool), which is not the server's.
    private static async Task<(long[] FromDue, long[] FromSend)> OpenLoopAsync(HttpClient client, string path, HttpStatusCode expected, int rate, int seconds, CancellationToken cancellationToken)
    {
        int count = rate * seconds;
        var latencies = new long[count];
        var fromSend = new long[count];
        var inFlight = new Task[count];
        var body = new { model = Model, input = new { prompt = "a paper boat drifting down a gutter stream", duration = 10 } };
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            long due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            int n = i;
            inFlight[i] = Task.Run(async () =>
            {
                long sent = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsJsonAsync(path, body, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                long answered = Stopwatch.GetTimestamp();
                latencies[n] = answered - due;
                fromSend[n] = answered - sent;
                if (response.StatusCode != expected)
                {
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, expected {(int)expected}");
                }
            }, cancellationToken);
        }

        await Task.WhenAll(inFlight);
        return (latencies, fromSend);
    }

    private static void Report(string what, (long[] FromDue, long[] FromSend) latencies, int rate, int seconds)
    {
        double[] due = Milliseconds(latencies.FromDue);
        double[] sent = Milliseconds(latencies.FromSend);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {rate} req/s open loop, {seconds} s | {due.Length} | {Percentile(due, 50):0.00} ms | {Percentile(due, 95):0.00} ms | {Percentile(due, 99):0.00} ms | {due[^1]:0.00} ms | {Percentile(sent, 50):0.00} ms | {Percentile(sent, 99):0.00} ms | {sent[^1]:0.00} ms | load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |"));
    }

    private static double[] Milliseconds(long[] ticks) => ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Report(long[] latencies, int requests, int concurrency, TimeSpan elapsed)
    {
        double[] ms = Milliseconds(latencies);
        CultureInfo inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"POST /v1/estimate: {requests} requests, concurrency {concurrency}, {Environment.ProcessorCount} cores, {elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(string.Create(inv, $"p50 {Percentile(ms, 50):0.00} ms  p95 {Percentile(ms, 95):0.00} ms  p99 {Percentile(ms, 99):0.00} ms  max {ms[^1]:0.00} ms"));
        Console.WriteLine(string.Create(inv, $"throughput {requests / elapsed.TotalSeconds:0} req/s"));
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

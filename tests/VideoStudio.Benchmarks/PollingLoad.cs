using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Benchmarks;

/// <summary>
/// <c>polling [--jobs-per-model 1000] [--sigma 0.35] [--slow-share 0.1] [--seed 13] [--actual-factor 1]</c>: a discrete-event simulation
/// on a virtual clock of every built-in model's jobs, each taking a real duration drawn log-normal around the
/// manifest's expected time (median = expected x <c>--actual-factor</c>, <c>--sigma</c> in log space) with <c>--slow-share</c> of them 3x slower,
/// arriving about ten at a time in flight. The engine's own schedule (<see cref="PollPolicy.For"/>, <see cref="PollPolicy.Next"/>,
/// and its completions fed back through <see cref="PollPolicy.Completed"/> in the order they are noticed, as
/// <c>PollScheduler</c> does) is compared with a 1 s poller on the same jobs: notice delay as a share of each job's
/// duration, and requests. The same schedule with no completions fed (the manifest alone) and the schedule before
/// issue 13 (first check at half the expected time, then x1.5 up to a quarter of it: a replica in this file) are
/// shown too. No HTTP; bounded by the job count.
/// </summary>
public static class PollingLoad
{
    /// <summary>Runs the harness; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int perModel = (int)Option(args, "--jobs-per-model", 1000);
        double sigma = Option(args, "--sigma", 0.35);
        double slowShare = Option(args, "--slow-share", 0.1);
        int seed = (int)Option(args, "--seed", 13);
        // The real median over the manifest's guess: a manifest that is wrong is what the completions correct.
        double actual = Option(args, "--actual-factor", 1);

        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        CatalogView catalog = await provider.GetRequiredService<IVideoStudio>().GetCatalogAsync();

        var schedules = new (string Name, Func<ProcessingProfile, Plan> Make)[]
        {
            ("engine, fed by completions", p => new EnginePlan(p with { }, learn: true)), // a copy: its own, empty history
            ("engine, manifest only", p => new EnginePlan(p with { }, learn: false)),
            ("before issue 13 (replica)", p => new PreviousPlan(p.ExpectedSeconds)),
            ("1 s poller (reference)", _ => new FixedPlan(1)),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"polling: {catalog.Registry.Models.Count} models x {perModel} jobs, durations log-normal (median = {actual} x the manifest's expected, sigma {sigma}), {slowShare:P0} of them 3x slower, seed {seed}"));
        Console.WriteLine("| Schedule | Jobs | Notice delay / duration p50 | p95 | max | Requests | per job | vs 1 s poller |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var results = new Dictionary<string, Result>(StringComparer.Ordinal);
        foreach ((string name, Func<ProcessingProfile, Plan> make) in schedules)
        {
            var all = new Result();
            foreach (ModelDefinition model in catalog.Registry.Models)
            {
                // The same jobs for every schedule: the generator is seeded per model.
                var random = new Random(HashCode.Combine(seed, model.Id.Length, model.Id[^1], model.Id[0]));
                Simulate(make(model.Processing), model.Processing.ExpectedSeconds * actual, perModel, sigma, slowShare, random, all);
            }

            results[name] = all;
        }

        long reference = results["1 s poller (reference)"].Requests;
        foreach ((string name, Result r) in results)
        {
            double[] shares = [.. r.DelayShares.Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {shares.Length} | {Percentile(shares, 50):P1} | {Percentile(shares, 95):P1} | {shares[^1]:P0} | {r.Requests} | {r.Requests / (double)shares.Length:0.0} | {r.Requests / (double)reference:P1} |"));
        }

        Result engine = results["engine, fed by completions"];
        double p95 = Percentile([.. engine.DelayShares.Order()], 95);
        double ratio = engine.Requests / (double)reference;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal p95 notice delay <= 10 % of duration: {p95:P1} ({(p95 <= 0.10 ? "met" : "NOT met")}); requests <= 1/5 of the 1 s poller's: {ratio:P1} ({(ratio <= 0.2 ? "met" : "NOT met")})"));
        return p95 <= 0.10 && ratio <= 0.2 ? 0 : 1;
    }

    // Jobs arrive about ten per expected time (so ~10 are in flight); each job's plan is fixed when it starts, from
    // the history as it stands then, and its completion is fed back when it is noticed (events in time order).
    private static void Simulate(Plan plan, double expected, int jobs, double sigma, double slowShare, Random random, Result into)
    {
        var noticed = new PriorityQueue<(double NoticedAfter, double LastWait, PollPolicy? Policy), double>();
        double clock = 0;
        for (int i = 0; i < jobs; i++)
        {
            clock += -Math.Log(1 - random.NextDouble()) * expected / 10;
            double duration = expected * Math.Exp(sigma * Gaussian(random)) * (random.NextDouble() < slowShare ? 3 : 1);
            while (noticed.TryPeek(out var done, out double at) && at <= clock)
            {
                noticed.Dequeue();
                done.Policy?.Completed(TimeSpan.FromSeconds(done.NoticedAfter), TimeSpan.FromSeconds(done.LastWait));
            }

            (double noticedAfter, double lastWait, int requests, PollPolicy? policy) = plan.Run(duration);
            into.DelayShares.Add((noticedAfter - duration) / duration);
            into.Requests += requests;
            noticed.Enqueue((noticedAfter, lastWait, policy), clock + noticedAfter);
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Option(string[] args, string name, double fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class Result
    {
        public List<double> DelayShares { get; } = [];

        public long Requests { get; set; }
    }

    /// <summary>A schedule of checks for one job of a known (to the simulation only) duration.</summary>
    private abstract class Plan
    {
        /// <summary>Checks until one is at or after <paramref name="duration"/>: when, the wait before it, how many.</summary>
        public abstract (double NoticedAfter, double LastWait, int Requests, PollPolicy? Policy) Run(double duration);
    }

    // The engine's code: a policy per job from PollPolicy.For, waits from PollPolicy.Next, as PollScheduler uses them.
    private sealed class EnginePlan(ProcessingProfile profile, bool learn) : Plan
    {
        public override (double, double, int, PollPolicy?) Run(double duration)
        {
            PollPolicy policy = PollPolicy.For(profile, mediaSeconds: null, scale: 1);
            TimeSpan at = policy.FirstCheck;
            TimeSpan wait = policy.FirstCheck;
            int requests = 1;
            for (; at.TotalSeconds < duration && at < policy.Deadline; requests++)
            {
                wait = policy.Next(at);
                at += wait;
            }

            return (at.TotalSeconds, wait.TotalSeconds, requests, learn ? policy : null);
        }
    }

    private sealed class PreviousPlan(double expected) : Plan
    {
        public override (double, double, int, PollPolicy?) Run(double duration)
        {
            double first = Math.Clamp(expected * 0.5, 5, 60);
            double cap = Math.Clamp(expected / 4, 5, 30);
            double at = first;
            double wait = first;
            int requests = 1;
            for (; at < duration; requests++)
            {
                wait = Math.Min(wait * 1.5, cap);
                at += wait;
            }

            return (at, wait, requests, null);
        }
    }

    private sealed class FixedPlan(double every) : Plan
    {
        public override (double, double, int, PollPolicy?) Run(double duration)
        {
            int requests = Math.Max(1, (int)Math.Ceiling(duration / every));
            return (requests * every, every, requests, null);
        }
    }
}

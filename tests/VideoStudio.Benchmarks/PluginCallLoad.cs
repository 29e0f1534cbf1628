using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Benchmarks;

/// <summary>
/// The cost of running a plugin's code in a worker process beside running it in the host: LTX-2's Retake rule called
/// directly (p50/p99 per call) and the whole estimate path for Retake (p50), once with LTX-2 opted in to run in
/// process and once out of process (docs/PERFORMANCE.md, "Plugin workers").
/// Usage: <c>plugin-calls [--calls 2000] [--estimates 1000]</c>.
/// </summary>
internal static class PluginCallLoad
{
    private const string Retake = "lightricks/ltx-2-retake";

    public static async Task<int> RunAsync(string[] args)
    {
        int calls = Option(args, "--calls", 2000);
        int estimates = Option(args, "--estimates", 1000);
        string plugins = Path.Combine(Path.GetTempPath(), "videostudio-plugin-calls-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Ltx2"), Path.Combine(plugins, "Ltx2"));
        try
        {
            Console.WriteLine("| Where LTX-2's code runs | rule call p50 | rule call p99 | estimate p50 | estimate p99 |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (bool inProcess in (bool[])[true, false])
            {
                var services = new ServiceCollection();
                services.AddVideoStudio(configure: o =>
                {
                    o.PluginsDirectory = plugins;
                    o.ProbeRemoteMedia = false;
                });
                services.Configure<PluginLimits>(l => l.InProcessPlugins = inProcess ? ["videostudio.ltx2"] : []);
                await using ServiceProvider provider = services.BuildServiceProvider();
                IVideoStudio studio = provider.GetRequiredService<IVideoStudio>();
                PluginCatalog catalog = await ((VideoStudioEngine)studio).SnapshotAsync(CancellationToken.None); // the code, not the view
                ModelDefinition model = catalog.Registry.Find(Retake);
                IInputRule rule = catalog.CodeFor(model).RulesFor(Retake).Single();
                var context = new ModelInputContext(model.Descriptor, (JsonObject)model.Card.ExampleInput.DeepClone(),
                    new Dictionary<string, MediaInfo> { ["video"] = new(MediaKind.Video, 1_000_000, 25, 1280, 720, "video/mp4") });
                double[] ruleMs = Measure(calls, () => _ = rule.Check(context).ToArray());
                var input = (JsonObject)model.Card.ExampleInput.DeepClone();
                var hints = new Dictionary<string, double> { ["video"] = 8 };
                double[] estimateMs = await MeasureAsync(estimates, () => studio.EstimateAsync(Retake, input, hints));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(inProcess ? "in the host (InProcessPlugins)" : "its worker process")} | {Percentile(ruleMs, 50) * 1000:0} µs | {Percentile(ruleMs, 99) * 1000:0} µs | {Percentile(estimateMs, 50) * 1000:0} µs | {Percentile(estimateMs, 99) * 1000:0} µs |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    private static double[] Measure(int count, Action call)
    {
        for (int i = 0; i < Math.Min(200, count); i++)
        {
            call(); // warm-up: JIT on both sides of the pipe
        }

        var ms = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(ms);
        return ms;
    }

    private static async Task<double[]> MeasureAsync(int count, Func<Task> call)
    {
        for (int i = 0; i < Math.Min(200, count); i++)
        {
            await call();
        }

        var ms = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await call();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(ms);
        return ms;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

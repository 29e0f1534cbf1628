using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace VideoStudio.Benchmarks;

/// <summary>
/// Cold start of `videostudio models --json`: a fresh process each run (runtime start, discovery of every plugin
/// folder, meta-schema checks, schema and pricing parses, JSON out). Reports the median and the spread.
/// </summary>
public static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 11;
        string cli = typeof(ColdStart).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "VideoStudioCliPath").Value!;
        var times = new List<double>();
        await RunOnceAsync(cli); // warm the OS file cache, as any second launch would be
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            int exit = await RunOnceAsync(cli);
            watch.Stop();
            if (exit != 0)
            {
                Console.Error.WriteLine($"videostudio exited with {exit}");
                return 1;
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine("## cold-start: videostudio models --json");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs {runs}  median {times[runs / 2]:0} ms  min {times[0]:0} ms  max {times[^1]:0} ms"));
        Console.WriteLine($"cli {cli}");
        return 0;
    }

    private static async Task<int> RunOnceAsync(string cli)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        info.ArgumentList.Add("models");
        info.ArgumentList.Add("--json");
        using Process process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return process.ExitCode;
    }
}

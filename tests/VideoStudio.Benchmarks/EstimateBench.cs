using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace VideoStudio.Benchmarks;

/// <summary>
/// <c>estimate-bench [BenchmarkDotNet options]</c>: runs <see cref="EstimateBenchmarks"/> in this process (the
/// plugins folder is beside it; a generated benchmark project would not have it), with allocations per call and the
/// median (p50) beside the mean. Bounded by BenchmarkDotNet's own iteration limits; <c>--job short</c> shortens it.
/// </summary>
public static class EstimateBench
{
    /// <summary>Runs the benchmarks; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        IConfig config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromTypes([typeof(EstimateBenchmarks)]).Run([.. args, .. args.Contains("--filter") ? Array.Empty<string>() : ["--filter", "*"], "--inProcess"], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>A file of the unit tests' fixtures (tests/VideoStudio.Tests/Fixtures), found from the repository root this build came from.</summary>
    public static string Fixture(string name)
    {
        string root = typeof(EstimateBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "VideoStudioRepoRoot").Value!;
        string path = Path.Combine(root, "tests", "VideoStudio.Tests", "Fixtures", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Fixture {name} not found at {path}", path);
    }
}

// Entry point of the load harnesses and benchmarks (see docs/PERFORMANCE.md for the commands and figures).
using VideoStudio.Benchmarks;

switch (args.FirstOrDefault())
{
    case "estimate-load":
        return await EstimateLoad.RunAsync(args[1..]);
    case "jobs-load":
        return await JobsLoad.RunAsync(args[1..]);
    case "catalog-load":
        return await CatalogLoad.RunAsync(args[1..]);
    case "estimate-bench":
        return EstimateBench.Run(args[1..]);
    case "cold-start":
        return await ColdStart.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/VideoStudio.Benchmarks -- <harness> [options]");
        Console.Error.WriteLine("  estimate-load [--requests N] [--concurrency C] [--warmup W]");
        Console.Error.WriteLine("  estimate-bench [BenchmarkDotNet options, e.g. --filter *DataOnly* --job short]");
        Console.Error.WriteLine("  catalog-load [--plugins 100]");
        Console.Error.WriteLine("  cold-start [--runs 11] [--no-publish]");
        Console.Error.WriteLine("  jobs-load [--jobs 10000] [--latency-seconds 25] [--submit-concurrency 64] [--poll-concurrency 64]");
        return 2;
}

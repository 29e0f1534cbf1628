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
    case "download":
        return await DownloadLoad.RunAsync(args[1..]);
    case "polling":
        return await PollingLoad.RunAsync(args[1..]);
    case "cold-start":
        return await ColdStart.RunAsync(args[1..]);
    case "plugin-calls":
        return await PluginCallLoad.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/VideoStudio.Benchmarks -- <harness> [options]");
        Console.Error.WriteLine("  estimate-load [--requests N] [--concurrency C] [--warmup W] [--rate 1000 --seconds 20]");
        Console.Error.WriteLine("  estimate-bench [BenchmarkDotNet options, e.g. --filter *DataOnly* --job short]");
        Console.Error.WriteLine("  download [--bytes 1073741824] [--rounds 8]");
        Console.Error.WriteLine("  polling [--jobs-per-model 1000] [--sigma 0.35] [--slow-share 0.1] [--seed 13] [--actual-factor 1]");
        Console.Error.WriteLine("  catalog-load [--plugins 100]");
        Console.Error.WriteLine("  cold-start [--runs 11] [--no-publish]");
        Console.Error.WriteLine("  plugin-calls [--calls 2000] [--estimates 1000]");
        Console.Error.WriteLine("  jobs-load [--jobs 10000] [--latency-seconds 25] [--submit-concurrency 64] [--poll-concurrency 64]");
        return 2;
}

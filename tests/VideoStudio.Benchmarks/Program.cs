// Entry point of the load harnesses and benchmarks (see docs/PERFORMANCE.md for the commands and figures).
using VideoStudio.Benchmarks;

switch (args.FirstOrDefault())
{
    case "estimate-load":
        return await EstimateLoad.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/VideoStudio.Benchmarks -- <harness> [options]");
        Console.Error.WriteLine("harnesses: estimate-load [--requests N] [--concurrency C] [--warmup W]");
        return 2;
}

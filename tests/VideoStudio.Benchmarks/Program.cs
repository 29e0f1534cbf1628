// Entry point of the load harnesses and benchmarks (see docs/PERFORMANCE.md for the commands and figures).
Console.Error.WriteLine("usage: dotnet run -c Release --project tests/VideoStudio.Benchmarks -- <harness> [options]");
return 2;

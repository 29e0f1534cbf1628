using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace VideoStudio.Benchmarks;

/// <summary>
/// `cold-start [--runs 11] [--no-publish | --cli PATH] [--baseline-cli PATH] [--baseline-env NAME=VALUE]…`: a fresh
/// process per launch, side by side with its floor. `--cli` times an already published CLI; `--baseline-cli` adds
/// another build's CLI (e.g. the commit before a change, published the same way) to the same interleaved runs, so
/// before and after share the minutes; `--baseline-env` sets a variable for the baseline's launches only (with no
/// `--baseline-cli`, the baseline is the same CLI: a runtime setting such as DOTNET_TieredPGO=0 measured against none).
/// `--cpu` also reports each launch's CPU time (user + system, from /usr/bin/time), which a machine loaded by other
/// work inflates far less than the wall time. It publishes
/// the CLI as it ships (`dotnet publish -r linux-x64`, ReadyToRun) and a hello-world console the same way, then
/// launches them in turn — hello, `models --json`, `estimate … --json`, `plugins --json` — so every figure has its
/// reference from the same minutes of the same machine. The catalog cache starts empty: the first launch pays
/// the full plugin checks (reported on its own), the others find the cache a previous launch wrote.
/// </summary>
public static class ColdStart
{
    private static readonly (string Name, string[] Args)[] Commands =
    [
        ("models --json", ["models", "--json"]),
        ("estimate --json", ["estimate", "lightricks/ltx-2-fast/text-to-video", "--input", """{"prompt":"a paper boat","duration":6}""", "--json"]),
        ("plugins --json", ["plugins", "--json"]),
    ];

    /// <summary>Runs the harness; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(11);
        string root = Metadata("VideoStudioRepoRoot");
        string work = Path.Combine(Path.GetTempPath(), "videostudio-cold-start-" + Guid.NewGuid().ToString("N"));
        try
        {
            string cli = Option(args, "--cli") ?? Metadata("VideoStudioCliPath");
            string[] baselineSettings = args.Select((a, i) => (a, i)).Where(p => p.a == "--baseline-env" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
            string hello = Path.Combine(work, "hello", "HelloWorld.dll");
            if (!args.Contains("--no-publish") && Option(args, "--cli") is null)
            {
                cli = Path.Combine(work, "cli", "videostudio.dll");
                await PublishAsync(Path.Combine(root, "engine/VideoStudio.Cli/VideoStudio.Cli.csproj"), Path.GetDirectoryName(cli)!, readyToRun: true);
            }

            await PublishAsync(Path.Combine(root, "tests/VideoStudio.Benchmarks/HelloWorld/HelloWorld.csproj"), Path.GetDirectoryName(hello)!, readyToRun: false);
            string? baseline = Option(args, "--baseline-cli") ?? (baselineSettings.Length > 0 ? cli : null);
            var environment = new Dictionary<string, string>
            {
                ["VideoStudio__CatalogCacheDirectory"] = Path.Combine(work, "catalog-cache"),
                ["VIDEOSTUDIO_DATA"] = Path.Combine(work, "data"),
            };

            // The first launch of each finds an empty catalog cache (and a cold OS file cache for the new files).
            double firstModels = await TimeAsync(cli, Commands[0].Args, environment);
            var baselineEnvironment = new Dictionary<string, string>(environment) { ["VideoStudio__CatalogCacheDirectory"] = Path.Combine(work, "baseline-catalog-cache") };
            foreach (string setting in baselineSettings)
            {
                baselineEnvironment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }

            double? baselineFirstModels = baseline is null ? null : await TimeAsync(baseline, Commands[0].Args, baselineEnvironment);
            await TimeAsync(hello, [], environment);
            cpu = args.Contains("--cpu") && File.Exists(TimeTool) ? new Dictionary<string, List<double>>() : null;
            var times = new Dictionary<string, List<double>> { ["hello world"] = [] };
            foreach ((string name, _) in Commands)
            {
                times[name] = [];
                if (baseline is not null)
                {
                    times["baseline " + name] = [];
                }
            }

            for (int i = 0; i < runs; i++)
            {
                times["hello world"].Add(await TimeAsync(hello, [], environment, "hello world"));
                foreach ((string name, string[] commandArgs) in Commands)
                {
                    times[name].Add(await TimeAsync(cli, commandArgs, environment, name));
                    if (baseline is not null)
                    {
                        times["baseline " + name].Add(await TimeAsync(baseline, commandArgs, baselineEnvironment, "baseline " + name));
                    }
                }
            }

            double floor = Median(times["hello world"]);
            Console.WriteLine($"## cold-start ({runs} runs each, interleaved; cli {cli})");
            Console.WriteLine("| Command | Median | Min | Max | × hello world |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach ((string name, List<double> values) in times)
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):0} ms | {values[0]:0} ms | {values[^1]:0} ms | {Median(values) / floor:0.0} |"));
            }

            if (cpu is not null)
            {
                double cpuFloor = Median(cpu["hello world"]);
                Console.WriteLine("| Command | CPU median (user + sys) | Min | Max | × hello world |");
                Console.WriteLine("|---|---|---|---|---|");
                foreach ((string name, List<double> values) in cpu)
                {
                    values.Sort();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):0} ms | {values[0]:0} ms | {values[^1]:0} ms | {Median(values) / cpuFloor:0.0} |"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first `models --json`, empty catalog cache (every check runs): {firstModels:0} ms"));
            if (baselineFirstModels is double before)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline first `models --json`, empty catalog cache: {before:0} ms (baseline cli {baseline} {string.Join(' ', baselineSettings)})"));
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private const string TimeTool = "/usr/bin/time";

    // Per command name, the CPU times of its launches (with --cpu).
    private static Dictionary<string, List<double>>? cpu;

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string Metadata(string key) =>
        typeof(ColdStart).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task PublishAsync(string project, string output, bool readyToRun)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q" })
        {
            info.ArgumentList.Add(arg);
        }

        if (readyToRun)
        {
            foreach (string arg in new[] { "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        using Process process = Process.Start(info)!;
        string log = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{log}");
        }
    }

    private static async Task<double> TimeAsync(string dll, string[] args, IReadOnlyDictionary<string, string> environment, string? name = null)
    {
        string? cpuFile = cpu is not null && name is not null ? Path.GetTempFileName() : null;
        var info = new ProcessStartInfo(cpuFile is null ? "dotnet" : TimeTool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cpuFile is not null)
        {
            foreach (string arg in new[] { "-f", "%U %S", "-o", cpuFile, "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(info)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        }

        if (cpuFile is not null)
        {
            double[] seconds = (await File.ReadAllTextAsync(cpuFile)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            File.Delete(cpuFile);
            (cpu!.TryGetValue(name!, out List<double>? list) ? list : cpu[name!] = []).Add((seconds[0] + seconds[1]) * 1000);
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}

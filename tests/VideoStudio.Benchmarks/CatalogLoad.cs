using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Benchmarks;

/// <summary>
/// `catalog-load [--plugins 100]`: the first <c>GetCatalogAsync</c> of a host app, in this process, over the eight
/// built plugins, then over N generated plugins (copies of LTX-2 with their own ids, so every model is distinct):
/// each with an empty catalog cache (every check runs) and again with the cache the first load wrote. Each load uses
/// a fresh container, so only the JIT is warm after the first line; that first line is the cold host-app figure.
/// </summary>
public static class CatalogLoad
{
    /// <summary>Runs the harness; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int generated = args.SkipWhile(a => a != "--plugins").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(100);
        string builtIn = Path.Combine(AppContext.BaseDirectory, "plugins");
        string work = Path.Combine(Path.GetTempPath(), "videostudio-catalog-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            string many = Path.Combine(work, "plugins");
            for (int i = 0; i < generated; i++)
            {
                Generate(Path.Combine(builtIn, "Ltx2"), Path.Combine(many, $"Gen{i:000}"), $"gen{i:000}");
            }

            Console.WriteLine("| Plugins dir | Models | Cache | First load in process | ms per plugin |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach ((string name, string dir, int count) in new[] { ("built-in 8", builtIn, 8), ($"generated {generated}", many, generated), ("built-in 8", builtIn, 8) })
            {
                string cache = Path.Combine(work, "cache-" + Guid.NewGuid().ToString("N"));
                foreach (string state in new[] { "empty", "written by the load before" })
                {
                    (double ms, int models) = await LoadAsync(dir, cache);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {models} | {state} | {ms:0.0} ms | {ms / count:0.00} |"));
                }
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

    private static async Task<(double Ms, int Models)> LoadAsync(string pluginsDirectory, string cacheDirectory)
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = pluginsDirectory;
            o.CatalogCacheDirectory = cacheDirectory;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IVideoStudio studio = provider.GetRequiredService<IVideoStudio>();
        var watch = Stopwatch.StartNew();
        CatalogView catalog = await studio.GetCatalogAsync();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, catalog.Registry.Models.Count);
    }

    private static void Generate(string source, string target, string prefix)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        string manifestPath = Path.Combine(target, "plugin.json");
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["id"] = "bench." + prefix;
        foreach (JsonNode? model in manifest["models"]!.AsArray())
        {
            model!["id"] = prefix + "/" + model["id"]!.GetValue<string>();
            model["aliases"] = new JsonArray();
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}

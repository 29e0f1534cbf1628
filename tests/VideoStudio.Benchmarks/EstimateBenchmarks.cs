using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Benchmarks;

/// <summary>
/// Route + validate + estimate in process (<see cref="IVideoStudio.EstimateAsync"/>), beside two references measured
/// in the same run: parsing the same input's JSON text, and a plain dictionary lookup of the model id. Run by
/// <c>estimate-bench</c> (<see cref="EstimateBench"/>).
/// </summary>
[MemoryDiagnoser]
public class EstimateBenchmarks
{
    private const string DataOnlyModel = "lightricks/ltx-2-fast/text-to-video";
    private const string MediaModel = "wavespeed-ai/infinitetalk";

    private readonly string dataOnlyText = """{"prompt":"a paper boat drifting down a gutter stream","duration":6}""";
    private readonly Dictionary<string, string> routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> audioHint = new(StringComparer.Ordinal) { ["audio"] = 12.5 };
    private ServiceProvider services = null!;
    private IVideoStudio studio = null!;
    private JsonObject dataOnly = null!;
    private JsonObject media = null!;

    /// <summary>Builds the engine over the built-in plugins and loads the catalog (not measured).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins");
            o.ProbeRemoteMedia = false; // the audio URL is never fetched: its duration comes from the hint
            o.CatalogCacheDirectory = string.Empty;
        });
        services = collection.BuildServiceProvider();
        studio = services.GetRequiredService<IVideoStudio>();
        await studio.GetCatalogAsync();
        dataOnly = JsonNode.Parse(dataOnlyText)!.AsObject();
        media = new JsonObject
        {
            ["image"] = EstimateBench.Fixture("square-640.png"),
            ["audio"] = "http://127.0.0.1:9/voice.mp3", // port 9: nothing listens, and nothing is sent
            ["prompt"] = "calm, confident presenter",
        };
        foreach (string id in new[] { DataOnlyModel, MediaModel, "a", "b", "c", "d", "e", "f", "g", "h" })
        {
            routes[id] = id;
        }

        // Fail here, not in a figure: both inputs must price.
        Check(await DataOnly());
        Check(await MediaWithHint());
    }

    /// <summary>Disposes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    /// <summary>Reference: System.Text.Json parses the data-only input's text into a JsonObject.</summary>
    [Benchmark(Baseline = true)]
    public JsonNode? Reference_ParseInputJson() => JsonNode.Parse(dataOnlyText);

    /// <summary>Reference: one ordinal dictionary lookup of a model id.</summary>
    [Benchmark]
    public string Reference_DictionaryLookup() => routes[DataOnlyModel];

    /// <summary>LTX-2 Fast text-to-video, {prompt, duration}: route, schema, rules, price.</summary>
    [Benchmark]
    public Task<EstimateReport> DataOnly() => studio.EstimateAsync(DataOnlyModel, dataOnly);

    /// <summary>InfiniteTalk: a local PNG (probed on the first call, then known by its path, length and time), an audio URL priced from a 12.5 s hint, a prompt.</summary>
    [Benchmark]
    public Task<EstimateReport> MediaWithHint() => studio.EstimateAsync(MediaModel, media, audioHint);

    private static void Check(EstimateReport report)
    {
        if (!report.Validation.Valid || report.Estimate?.TotalUsd is null)
        {
            throw new InvalidOperationException($"{report.Validation.ModelId} did not price: {string.Join("; ", report.Validation.Errors.Select(e => e.Message))} {report.Estimate?.UnknownReason}");
        }
    }
}

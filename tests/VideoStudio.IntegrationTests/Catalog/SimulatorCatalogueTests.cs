using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Simulator;
using VideoStudio.Simulator;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// The simulator lists the provider catalogue beyond its plugins (real-shaped entries with provenance), and a plugin
/// copied into its directory while it runs is served at once: no restart, no "Model … not found".
/// </summary>
public sealed class SimulatorCatalogueTests : IDisposable
{
    private const string Veo = "google/veo3.1/text-to-video";

    // A reload reads every plugin again, LTX-2's code (a worker process) included: seconds of CPU on a loaded machine.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "videostudio-simcat-" + Guid.NewGuid().ToString("N"));

    public SimulatorCatalogueTests()
    {
        Directory.CreateDirectory(plugins);
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Ltx2"), Path.Combine(plugins, "Ltx2"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(plugins, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private SimulatorOptions Options(SimulatorOptions o) => new()
    {
        ApiKey = o.ApiKey, PluginsDirectory = plugins, FixedLatency = TimeSpan.FromMilliseconds(100), ConfigureLogging = o.ConfigureLogging, FfmpegPath = string.Empty,
    };

    [Fact]
    public async Task Submit_PluginInstalledWhileRunning_AcceptedWithoutRestart()
    {
        await using SimulatorHarness h = await SimulatorHarness.StartAsync(Options, Generous);
        var input = new JsonObject { ["prompt"] = "a chef flambes a pan", ["duration"] = 4, ["resolution"] = "720p" };
        (HttpResponseMessage before, _) = await h.PostJsonAsync("/api/v3/" + Veo, input);

        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Veo"), Path.Combine(plugins, "Veo"));
        string id = await h.SubmitAsync(input, Veo);
        JsonObject done = await h.PollUntilTerminalAsync(id);

        before.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        done["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Submit_PluginSchemaChangedWhileRunning_ValidatedByTheNewSchemaWithoutRestart()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Veo"), Path.Combine(plugins, "Veo"));
        await using SimulatorHarness h = await SimulatorHarness.StartAsync(Options, Generous);
        var input = new JsonObject { ["prompt"] = "a chef flambes a pan", ["duration"] = 4, ["resolution"] = "720p" };
        (HttpResponseMessage before, _) = await h.PostJsonAsync("/api/v3/" + Veo, input);

        // A reload the host makes after an upgrade: the model stays, its schema no longer allows 4 s.
        PluginFolderFiles.EditJson(Path.Combine(plugins, "Veo", "models", "veo3.1-text-to-video.schema.json"), s => s["properties"]!["duration"]!["enum"] = new JsonArray(6, 8));
        HttpStatusCode after = before.StatusCode;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (after != HttpStatusCode.BadRequest && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            (HttpResponseMessage response, _) = await h.PostJsonAsync("/api/v3/" + Veo, input);
            after = response.StatusCode;
        }

        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Models_ProviderCatalogue_ListedBeyondPluginsWithRealShapeAndProvenance()
    {
        await using SimulatorHarness h = await SimulatorHarness.StartAsync(Options, Generous);

        (_, JsonObject body) = await h.GetJsonAsync("/api/v3/models");

        JsonArray models = body["data"]!.AsArray();
        JsonObject faceSwap = models.OfType<JsonObject>().Single(m => m["model_id"]!.GetValue<string>() == "wavespeed-ai/video-face-swap");
        JsonObject request = faceSwap["api_schema"]!["api_schemas"]![0]!["request_schema"]!.AsObject();
        request["x-order-properties"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["video", "face_image", "target_gender", "target_index"]);
        faceSwap["formula"]!.GetValue<string>().ShouldContain("get_duration_v3(video)");
        faceSwap["x-videostudio-provenance"]!["confidence"]!.GetValue<string>().ShouldBe("documented");
        models.OfType<JsonObject>().ShouldContain(m => m["model_id"]!.GetValue<string>() == "lightricks/ltx-2-pro/text-to-video");
        string[] shipped = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "plugin.json", SearchOption.AllDirectories)
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["models"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())).ToArray();
        models.OfType<JsonObject>().Where(m => m["x-videostudio-provenance"] is JsonObject).Select(m => m["model_id"]!.GetValue<string>())
            .Except(shipped).ShouldNotBeEmpty("the catalogue offers models beyond the shipped plugins, to import offline");
        models.OfType<JsonObject>().Where(m => m["x-videostudio-provenance"] is JsonObject)
            .ShouldAllBe(m => m["formula"] != null || m["x-videostudio-provenance"]!["confidence"]!.GetValue<string>() == "unconfirmed");
    }
}

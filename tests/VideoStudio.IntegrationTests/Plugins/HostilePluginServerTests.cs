using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;
using VideoStudio.IntegrationTests.Server;
using VideoStudio.Server;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Plugins;

/// <summary>
/// Issue 27's "done when", over HTTP: the hostile plugins (tests/Shared/HostilePlugin.cs) are dropped into the watched
/// plugins folder of a running server, then attacked through <c>POST /v1/validate</c>. Each changes nothing but its own
/// plugin's status: every other plugin stays active and its models keep validating, pricing and running jobs on the
/// simulator; no secret of the host (provider key, server API keys, webhook secret, and the same values in the host's
/// environment) reaches an answer or the server's log; the host survives a rule and a constructor that exit.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostilePluginServerTests : IDisposable
{
    private const string Other = ServerHarness.Model;
    private static readonly Uri Validate = new("/v1/validate", UriKind.Relative);
    private static readonly Uri Estimate = new("/v1/estimate", UriKind.Relative);
    private static readonly Uri PluginsList = new("/v1/plugins", UriKind.Relative);
    private static readonly Uri Jobs = new("/v1/jobs", UriKind.Relative);
    private static readonly string ProviderKey = "vs-provider-key-" + Guid.NewGuid().ToString("N");
    private static readonly string AliceKey = "vs-alice-key-" + Guid.NewGuid().ToString("N");
    private static readonly string BobKey = "vs-bob-key-" + Guid.NewGuid().ToString("N");

    // Attacked in this order; "ctor" exits while its rule is created (at load), so it is never called.
    // "read" (a file in the data directory) only where the kernel confines files (docs/security.md).
    private static readonly string[] Attacked = ["env", "throw", "write", .. (LandlockProbe.Abi >= 1 ? (string[])["read"] : []), "garble", "exit", "flood", "allocate", "spin"];

    private static readonly string[] ExitAndSpin = ["exit", "spin"];
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "videostudio-hostile-" + Guid.NewGuid().ToString("N"));
    private readonly string staging = Path.Combine(Path.GetTempPath(), "videostudio-hostile-staging-" + Guid.NewGuid().ToString("N"));
    private readonly CapturingLoggerProvider logs = new();
    private readonly List<string> answers = [];

    public HostilePluginServerTests()
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), plugins);
        Directory.CreateDirectory(staging);
    }

    public void Dispose()
    {
        foreach (string dir in new[] { plugins, staging })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    private Task<ServerHarness> StartAsync() => ServerHarness.StartAsync(pluginsDirectory: plugins, timeout: TimeSpan.FromMinutes(3), simulatorKey: ProviderKey, configure: services =>
    {
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.Configure<ServerOptions>(o =>
        {
            o.ApiKeys[AliceKey] = "alice";
            o.ApiKeys[BobKey] = "bob";
        });
        services.Configure<PluginLimits>(l => l.CallTimeout = TimeSpan.FromSeconds(3));
    });

    /// <summary>Builds every hostile plugin outside the server's folder, then moves each in whole (as an operator's copy would land).</summary>
    private void InstallHostilePlugins()
    {
        foreach (string kind in Attacked)
        {
            HostilePlugin.Build(staging, kind);
        }

        HostilePlugin.Build(staging, "ctor", attack: "return Array.Empty<ValidationIssue>();", constructor: "Environment.Exit(0);");
        foreach (string folder in Directory.GetDirectories(staging))
        {
            Directory.Move(folder, Path.Combine(plugins, Path.GetFileName(folder)));
        }
    }

    private async Task<string> RecordAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string text = await response.Content.ReadAsStringAsync(ct);
        lock (answers)
        {
            answers.Add(text);
        }

        return text;
    }

    private async Task<Dictionary<string, JsonNode>> PluginsAsync(HttpClient client, CancellationToken ct)
    {
        string text = await RecordAsync(await client.GetAsync(PluginsList, ct), ct);
        return JsonNode.Parse(text)!.AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
    }

    /// <summary>Reads the plugins until <paramref name="done"/> holds or 90 s pass; returns the last answer either way.</summary>
    private async Task<Dictionary<string, JsonNode>> PluginsUntilAsync(HttpClient client, Func<Dictionary<string, JsonNode>, bool> done, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromSeconds(90));
        Dictionary<string, JsonNode> seen = await PluginsAsync(client, ct);
        while (!done(seen) && !patience.IsCancellationRequested)
        {
            await Task.Delay(200, ct);
            seen = await PluginsAsync(client, ct);
        }

        return seen;
    }

    private static string Status(Dictionary<string, JsonNode> plugins, string id) => plugins.TryGetValue(id, out JsonNode? p) ? p["status"]!.GetValue<string>() : "absent";

    private static string? Reason(Dictionary<string, JsonNode> plugins, string id) => plugins[id]["reason"]?.GetValue<string>();

    private async Task<JsonNode> ValidateAsync(HttpClient client, string model, string prompt, CancellationToken ct)
    {
        HttpResponseMessage response = await client.PostAsync(Validate, ServerHarness.Body(new { model, input = new JsonObject { ["prompt"] = prompt, ["duration"] = 6 } }), ct);
        string text = await RecordAsync(response, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static string Messages(JsonNode report, string list) => string.Join("\n", report[list]!.AsArray().Select(i => i!["message"]!.GetValue<string>()));

    private async Task OthersStillServeAsync(ServerHarness h, HttpClient client)
    {
        (await ValidateAsync(client, Other, "A paper boat drifting down a gutter stream", h.Token))["valid"]!.GetValue<bool>().ShouldBeTrue();
        HttpResponseMessage estimate = await client.PostAsync(Estimate, ServerHarness.Body(new { model = Other, input = ServerHarness.T2V() }), h.Token);
        string text = await RecordAsync(estimate, h.Token);
        estimate.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonNode.Parse(text)!["totalUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
    }

    private async Task<string> SubmitAsync(HttpClient client, CancellationToken ct)
    {
        HttpResponseMessage response = await client.PostAsync(Jobs, ServerHarness.Body(new { model = Other, input = ServerHarness.T2V() }), ct);
        string text = await RecordAsync(response, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private async Task JobCompletesAsync(HttpClient client, string id, CancellationToken ct)
    {
        List<JsonNode> events = await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", ct);
        events.ShouldNotBeEmpty();
        events[^1]["kind"]!.GetValue<string>().ShouldBe("completed", events[^1].ToJsonString());
        string job = await RecordAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), ct), ct);
        JsonNode.Parse(job)!["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Serve_HostilePluginsInstalledLive_OnlyTheirOwnStatusChangesAndNoSecretLeaks()
    {
        await using ServerHarness h = await StartAsync();
        string webhookSecret = h.Simulator.WebhookSecret;
        string[] secrets = [ProviderKey, AliceKey, BobKey, webhookSecret];
        // The same values in the host's environment, as a deployment holds them (names no other test reads).
        Environment.SetEnvironmentVariable("VIDEOSTUDIO_HOSTILE_SERVER_TEST_PROVIDER_KEY", ProviderKey);
        Environment.SetEnvironmentVariable("VIDEOSTUDIO_HOSTILE_SERVER_TEST_API_KEY", BobKey);
        Environment.SetEnvironmentVariable("VIDEOSTUDIO_HOSTILE_SERVER_TEST_WEBHOOK_SECRET", webhookSecret);
        HttpClient client = h.Client(AliceKey);
        string stored = Path.Combine(h.DataDirectory, "operator-notes.txt"); // a secret at rest where the host keeps its data
        await File.WriteAllTextAsync(stored, ProviderKey, h.Token);
        Dictionary<string, JsonNode> before = await PluginsAsync(client, h.Token);
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        string inFlight = await SubmitAsync(client, h.Token);

        InstallHostilePlugins();
        string[] hostile = [.. Attacked.Select(HostilePlugin.PluginId), HostilePlugin.PluginId("ctor")];
        Dictionary<string, JsonNode> loaded = await PluginsUntilAsync(client,
            p => Attacked.All(k => Status(p, HostilePlugin.PluginId(k)) == "active") && Status(p, HostilePlugin.PluginId("ctor")) == "code-failed", h.Token);
        foreach (string id in hostile)
        {
            Status(loaded, id).ShouldBe(id == HostilePlugin.PluginId("ctor") ? "code-failed" : "active", $"{id}: {Reason(loaded, id)}");
        }

        Reason(loaded, HostilePlugin.PluginId("ctor"))!.ShouldContain("exited (code 0) while activating its code");

        Dictionary<string, JsonNode> reports = [];
        foreach (string kind in Attacked)
        {
            string prompt = kind switch
            {
                "write" => "attack " + Path.Combine(h.DataDirectory, "escaped.txt"),
                "read" => "attack " + stored,
                _ => "attack",
            };
            reports[kind] = await ValidateAsync(client, HostilePlugin.ModelId(kind), prompt, h.Token);
        }

        // The rule that read its environment ran, and saw nothing of the host's.
        reports["env"]["valid"]!.GetValue<bool>().ShouldBeTrue();
        string environment = Messages(reports["env"], "warnings");
        environment.ShouldContain("HOME=");
        environment.ShouldNotContain("VIDEOSTUDIO_HOSTILE_SERVER_TEST");
        foreach (string kind in Attacked.Where(k => k != "env"))
        {
            reports[kind]["valid"]!.GetValue<bool>().ShouldBeFalse(kind);
            Messages(reports[kind], "errors").ShouldContain($"'{HostilePlugin.PluginId(kind)}'", customMessage: kind);
        }

        Messages(reports["exit"], "errors").ShouldContain("exited (code 0)");
        Messages(reports["spin"], "errors").ShouldContain("did not finish within 3 s and its worker was killed");
        Messages(reports["throw"], "errors").ShouldNotContain("the secret is");
        // RLIMIT_FSIZE 0 refuses content; Landlock refuses even an empty file (docs/security.md, "What is and is not isolated").
        string escaped = Path.Combine(h.DataDirectory, "escaped.txt");
        (File.Exists(escaped) ? await File.ReadAllTextAsync(escaped, h.Token) : string.Empty).ShouldBeEmpty();
        if (LandlockProbe.Abi >= 1)
        {
            File.Exists(escaped).ShouldBeFalse();
        }

        // The rule that allocated without end did so in its worker: the host's heap is where it was (a margin for
        // the other tests running beside this one, far below what one allocating call reached in the host).
        (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore).ShouldBeLessThan(256L * 1024 * 1024);

        // The host is up and every other plugin is as it was; the hostile ones show what happened to them.
        (await RecordAsync(await client.GetAsync(new Uri("/health/live", UriKind.Relative), h.Token), h.Token)).ShouldBe("live");
        Dictionary<string, JsonNode> after = await PluginsAsync(client, h.Token);
        foreach ((string id, JsonNode plugin) in before)
        {
            Status(after, id).ShouldBe(plugin["status"]!.GetValue<string>(), id);
        }

        foreach (string kind in new[] { "exit", "spin", "garble", "flood" })
        {
            string id = HostilePlugin.PluginId(kind);
            Status(after, id).ShouldBe("degraded", id);
            Reason(after, id)!.ShouldContain("HostileRule", customMessage: id);
        }

        Reason(after, HostilePlugin.PluginId("exit"))!.ShouldContain("exited (code 0)");
        Reason(after, HostilePlugin.PluginId("spin"))!.ShouldContain("within 3 s");

        // Reading a hostile model's card runs no plugin code; its exit rule stopped nothing.
        HttpResponseMessage card = await client.GetAsync(new Uri("/v1/models/" + HostilePlugin.ModelId("exit"), UriKind.Relative), h.Token);
        string cardText = await RecordAsync(card, h.Token);
        card.StatusCode.ShouldBe(HttpStatusCode.OK, cardText);

        await OthersStillServeAsync(h, client);
        await JobCompletesAsync(client, inFlight, h.Token);
        await JobCompletesAsync(client, await SubmitAsync(client, h.Token), h.Token);

        string everything = string.Join("\n", answers) + "\n" + logs.AllText;
        foreach (string secret in secrets)
        {
            everything.ShouldNotContain(secret);
        }

        logs.AllText.ShouldContain("hostile.exit"); // the log was captured and speaks of the attacks
    }

    [Fact]
    public async Task Serve_ReadModelsCardsAndSchemas_NoPluginCodeRuns()
    {
        // Code that exits, and code that spins, when called on an attack: both are attacked first (one worker exited,
        // one killed), then every read path is walked; neither worker is called or started again.
        foreach (string kind in ExitAndSpin)
        {
            HostilePlugin.Build(plugins, kind);
        }

        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins, timeout: TimeSpan.FromMinutes(3), configure: services =>
            services.Configure<PluginLimits>(l => l.CallTimeout = TimeSpan.FromSeconds(2)));
        HttpClient client = h.Client();
        PluginCatalog catalog = await h.App.Services.GetRequiredService<PluginCatalogHolder>().GetAsync(h.Token);
        Engine.Plugins.Isolation.PluginWorker[] workers = [.. ExitAndSpin.Select(k => catalog.Workers.Of(HostilePlugin.PluginId(k)).ShouldNotBeNull())];
        foreach (string kind in ExitAndSpin)
        {
            (await ValidateAsync(client, HostilePlugin.ModelId(kind), "attack", h.Token))["valid"]!.GetValue<bool>().ShouldBeFalse();
        }

        int[] callsBefore = [.. workers.Select(w => w.Calls)];
        workers.ShouldAllBe(w => w.ProcessId == null);

        foreach (string path in new[] { "/v1/models", "/v1/models/" + HostilePlugin.ModelId("exit"), "/v1/models/" + HostilePlugin.ModelId("spin"),
            "/v1/schema/" + HostilePlugin.ModelId("exit"), "/v1/schema/" + HostilePlugin.ModelId("spin"), "/v1/plugins" })
        {
            for (int i = 0; i < 3; i++)
            {
                HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative), h.Token);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, path + ": " + await response.Content.ReadAsStringAsync(h.Token));
            }
        }

        workers.Select(w => w.Calls).ShouldBe(callsBefore); // no read reached either plugin's code
        workers.ShouldAllBe(w => w.ProcessId == null); // and no read started a worker again
        await OthersStillServeAsync(h, client);
    }
}

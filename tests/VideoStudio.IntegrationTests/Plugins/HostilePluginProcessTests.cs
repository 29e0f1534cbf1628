using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Crash;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Plugins;

/// <summary>
/// Issue 27's "done when" against a real <c>videostudio serve</c> process on 127.0.0.1: hostile plugins are dropped
/// into its watched user plugins folder while a job is in flight, then attacked over HTTP. The server process keeps
/// serving, its resident memory (read from <c>/proc</c>, not assumed) stays flat, no secret of its environment
/// reaches an answer or its own log (stdout and stderr), each hostile plugin shows <c>degraded</c> with its reason in
/// <c>GET /v1/plugins</c> and in <c>videostudio plugins --server</c>, and a reload ends every hostile worker.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostilePluginProcessTests
{
    private const string Other = "lightricks/ltx-2-fast/text-to-video";
    private static readonly string[] Attacked = ["env", "throw", "exit", "crash", "hang", "spin", "chatter", "garble", "flood", "allocate", "write"];

    [Fact]
    public async Task Serve_HostilePluginsInstalledLive_ProcessSurvivesMemoryFlatNoSecretLeaks()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "resident memory and worker processes are read from /proc");
        await using CrashHarness harness = await CrashHarness.StartAsync(latencyScale: 0.05, timeout: TimeSpan.FromMinutes(10));
        string aliceKey = "vs-alice-" + Guid.NewGuid().ToString("N");
        string pgPassword = "vs-pg-" + Guid.NewGuid().ToString("N");
        string webhookSecret = await harness.WebhookSecretAsync();
        string[] secrets = [CrashHarness.ApiKey, aliceKey, pgPassword, webhookSecret];
        (ChildProcess server, string url) = await harness.StartServerAsync(maxConcurrentJobs: 4, settings: new Dictionary<string, string>
        {
            [$"VideoStudio__Server__ApiKeys__{aliceKey}"] = "alice",
            ["VideoStudio__Jobs__WebhookSecret"] = webhookSecret,
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Username=videostudio;Password={pgPassword}",
            ["PGPASSWORD"] = pgPassword,
            ["VideoStudio__PluginLimits__CallTimeout"] = "00:00:03",
            ["VideoStudio__PluginLimits__WorkerStartTimeout"] = "00:01:00", // twelve Debug workers starting at once on a loaded machine
            ["VideoStudio__PluginLimits__FailuresBeforeStop"] = "2",
        });
        var answers = new StringBuilder();
        HttpClient http = harness.Http;
        CancellationToken ct = harness.Token;

        async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, JsonObject? body = null)
        {
            using var request = new HttpRequestMessage(method, url + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", aliceKey);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using HttpResponseMessage response = await http.SendAsync(request, ct);
            string text = await response.Content.ReadAsStringAsync(ct);
            answers.AppendLine(text);
            return (response.StatusCode, text);
        }

        async Task<Dictionary<string, JsonNode>> PluginsAsync() =>
            JsonNode.Parse((await SendAsync(HttpMethod.Get, "/v1/plugins")).Text)!.AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);

        static string Status(Dictionary<string, JsonNode> plugins, string id) => plugins.TryGetValue(id, out JsonNode? p) ? p["status"]!.GetValue<string>() : "absent";

        async Task OtherServesAsync()
        {
            (HttpStatusCode status, string text) = await SendAsync(HttpMethod.Post, "/v1/estimate", new JsonObject { ["model"] = Other, ["input"] = Input("A paper boat") });
            status.ShouldBe(HttpStatusCode.OK, text);
            JsonNode.Parse(text)!["totalUsd"]!.GetValue<decimal>().ShouldBeGreaterThan(0m);
        }

        Dictionary<string, JsonNode> before = await PluginsAsync();
        await OtherServesAsync();
        (HttpStatusCode submitted, string job) = await SendAsync(HttpMethod.Post, "/v1/jobs", new JsonObject { ["model"] = Other, ["input"] = Input("a paper boat drifting down a gutter stream") });
        submitted.ShouldBe(HttpStatusCode.Accepted, job);
        string inFlight = JsonNode.Parse(job)!["id"]!.GetValue<string>();
        long rssBefore = ResidentBytes(server.Id);

        // Built outside the server's folder, then moved in whole (as an operator's copy lands).
        string staging = Path.Combine(harness.DataDirectory, ".staging");
        string userPlugins = Path.Combine(harness.DataDirectory, "plugins");
        foreach (string kind in Attacked)
        {
            HostilePlugin.Build(staging, kind);
        }

        HostilePlugin.Build(staging, "ctor", attack: "return Array.Empty<ValidationIssue>();", constructor: "Environment.Exit(0);");
        Directory.CreateDirectory(userPlugins);
        foreach (string folder in Directory.GetDirectories(staging))
        {
            Directory.Move(folder, Path.Combine(userPlugins, Path.GetFileName(folder)));
        }

        Dictionary<string, JsonNode> loaded = [];
        await harness.WaitUntilAsync(async () =>
        {
            loaded = await PluginsAsync();
            return Attacked.Append("ctor").All(k => Status(loaded, HostilePlugin.PluginId(k)) != "absent");
        }, "the hostile plugins to load (watched folder)");
        foreach (string kind in Attacked)
        {
            Status(loaded, HostilePlugin.PluginId(kind)).ShouldBe("active", loaded[HostilePlugin.PluginId(kind)].ToJsonString());
        }

        Status(loaded, HostilePlugin.PluginId("ctor")).ShouldBe("code-failed");
        int[] workersAtLoad = Children(server.Id);
        workersAtLoad.Length.ShouldBeGreaterThanOrEqualTo(Attacked.Length, "one worker process per hostile plugin with code");

        var reports = new Dictionary<string, JsonNode>();
        foreach (string kind in Attacked)
        {
            string prompt = kind == "write" ? "attack " + Path.Combine(harness.DataDirectory, "escaped.txt") : "attack";
            (HttpStatusCode status, string text) = await SendAsync(HttpMethod.Post, "/v1/validate", new JsonObject { ["model"] = HostilePlugin.ModelId(kind), ["input"] = Input(prompt) });
            status.ShouldBe(HttpStatusCode.OK, $"{kind}: {text}");
            reports[kind] = JsonNode.Parse(text)!;
            server.HasExited.ShouldBeFalse($"the server exited after the {kind} attack.\nstderr:\n{server.StandardError}");
            await OtherServesAsync();
        }

        // Twice more for the ones that fail the worker: the breaker (FailuresBeforeStop 2) stops them.
        foreach (string kind in new[] { "exit", "hang" })
        {
            await SendAsync(HttpMethod.Post, "/v1/validate", new JsonObject { ["model"] = HostilePlugin.ModelId(kind), ["input"] = Input("attack") });
        }

        Messages(reports["env"], "warnings").ShouldContain("HOME=");
        Messages(reports["chatter"], "warnings").ShouldContain("chattered");
        foreach (string kind in Attacked.Where(k => k is not "env" and not "chatter"))
        {
            reports[kind]["valid"]!.GetValue<bool>().ShouldBeFalse(kind);
            Messages(reports[kind], "errors").ShouldContain($"'{HostilePlugin.PluginId(kind)}'", customMessage: kind);
        }

        File.Exists(Path.Combine(harness.DataDirectory, "escaped.txt")).ShouldBeFalse();

        // Reading every hostile model's card, the list and the schema answers from what was kept at load.
        foreach (string kind in Attacked)
        {
            (await SendAsync(HttpMethod.Get, "/v1/models/" + HostilePlugin.ModelId(kind))).Status.ShouldBe(HttpStatusCode.OK, kind);
            (await SendAsync(HttpMethod.Get, "/v1/schema/" + HostilePlugin.ModelId(kind))).Status.ShouldBe(HttpStatusCode.OK, kind);
        }

        (await SendAsync(HttpMethod.Get, "/v1/models")).Status.ShouldBe(HttpStatusCode.OK);

        // Status: only the hostile plugins changed; those whose worker failed show degraded with the reason, in the
        // API and in the CLI asking the running server.
        Dictionary<string, JsonNode> after = await PluginsAsync();
        foreach ((string id, JsonNode plugin) in before)
        {
            Status(after, id).ShouldBe(plugin["status"]!.GetValue<string>(), id);
        }

        foreach (string kind in new[] { "exit", "crash", "hang", "spin", "garble", "flood" })
        {
            string id = HostilePlugin.PluginId(kind);
            Status(after, id).ShouldBe("degraded", id);
            after[id]["reason"]!.GetValue<string>().ShouldContain("HostileRule", customMessage: id);
        }

        after[HostilePlugin.PluginId("hang")]["reason"]!.GetValue<string>().ShouldContain("until plugins are reloaded");
        ChildProcess cli = harness.StartCli("plugins", "--server", url, "--api-key", aliceKey, "--json");
        (await cli.WaitForExitAsync(ct)).ShouldBe(0, cli.StandardError);
        JsonNode listed = JsonNode.Parse(cli.StandardOutput)!.AsArray().Single(p => p!["id"]!.GetValue<string>() == HostilePlugin.PluginId("hang"))!;
        listed["status"]!.GetValue<string>().ShouldBe("degraded");
        listed["reason"]!.GetValue<string>().ShouldContain("until plugins are reloaded");

        // The host's resident memory is flat: the allocating rule and the 100 MB answer cost it nothing lasting
        // (in the host they reached gigabytes); the margin covers the eleven plugins' catalog and a request's buffers.
        long rssAfter = ResidentBytes(server.Id);
        (rssAfter - rssBefore).ShouldBeLessThan(160L * 1024 * 1024, $"RSS {rssBefore >> 20} MiB → {rssAfter >> 20} MiB");

        // The job submitted before any of this completes.
        await harness.WaitUntilAsync(async () => JsonNode.Parse((await SendAsync(HttpMethod.Get, "/v1/jobs/" + inFlight)).Text)!["state"]!.GetValue<string>() is "completed" or "failed", "the in-flight job to end");
        JsonNode.Parse((await SendAsync(HttpMethod.Get, "/v1/jobs/" + inFlight)).Text)!["state"]!.GetValue<string>().ShouldBe("completed");

        // Removing the hostile folders ends their workers (and frees what they held).
        foreach (string folder in Directory.GetDirectories(userPlugins, "hostile-*"))
        {
            Directory.Delete(folder, recursive: true);
        }

        (await SendAsync(HttpMethod.Post, "/v1/plugins/reload")).Status.ShouldBe(HttpStatusCode.OK);
        await harness.WaitUntilAsync(() => Task.FromResult(!Children(server.Id).Intersect(workersAtLoad).Any()), "every hostile worker to end");
        server.HasExited.ShouldBeFalse();

        string everything = answers + "\n" + server.StandardOutput + "\n" + server.StandardError + "\n" + cli.StandardOutput;
        foreach (string secret in secrets)
        {
            everything.ShouldNotContain(secret);
        }

        server.StandardError.ShouldNotContain(new string('y', 1000)); // the worker's own output is dropped, not logged
        (server.StandardOutput + server.StandardError).ShouldContain("hostile.exit"); // the log was read and speaks of the attacks
    }

    private static string Messages(JsonNode report, string list) => string.Join("\n", report[list]!.AsArray().Select(i => i!["message"]!.GetValue<string>()));

    private static JsonObject Input(string prompt) => new() { ["prompt"] = prompt, ["duration"] = 6 };

    // VmRSS of a process, from /proc.
    private static long ResidentBytes(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    // The live child processes of a process (its plugin workers; the server starts no other).
    private static int[] Children(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            .Select(int.Parse).Where(child => Directory.Exists($"/proc/{child}")).Distinct().ToArray();
}

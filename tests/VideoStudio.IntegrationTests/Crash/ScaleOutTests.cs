using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Store;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>Real processes on a real PostgreSQL server; they run alone (several .NET runtimes on two cores).</summary>
[Trait("Category", "Slow")]
[Trait("Category", "ChildProcess")]
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutServers : ICollectionFixture<PostgresServer>
{
    public const string Name = "Scale-out (PostgreSQL and server processes)";
}

/// <summary>
/// Three server processes on one PostgreSQL store, one shared output folder and one simulator process whose
/// account refuses more than its per-minute submissions with 429. Jobs go to the hosts round-robin, one host is
/// SIGKILLed mid-run, and the result of every job can only arrive by webhook (polling is set to start long after
/// the test ends), delivered to one host for every job. Every job must end completed, submitted exactly once,
/// with an output any host serves whose SHA-256 is its record's; progress is watched on a host that did not
/// submit it.
/// </summary>
[Collection(ScaleOutServers.Name)]
public sealed class ScaleOutTests(PostgresServer postgres)
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";
    private const int PerMinute = 6;

    [Fact]
    public async Task ThreeHosts_OneKilledMidRun_EveryJobCompletedOnceWithinTheAccountLimits()
    {
        await using CrashHarness h = await CrashHarness.StartAsync(latencyScale: 0.05, timeout: TimeSpan.FromSeconds(200), submitsPerMinute: PerMinute);
        string store = await postgres.CreateDatabaseAsync();
        string outputs = Path.Combine(h.DataDirectory, "shared-outputs");
        int webhookPort = CrashHarness.Port();
        var settings = new Dictionary<string, string>
        {
            ["VideoStudio__Jobs__SubmitsPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VideoStudio__Jobs__ProcessingTimeScale"] = "50",
            ["VideoStudio__Jobs__PublicWebhookUrl"] = $"http://127.0.0.1:{webhookPort}/v1/webhooks/wavespeed",
            ["VideoStudio__Jobs__WebhookSecret"] = await h.WebhookSecretAsync(),
        };
        (ChildProcess Process, string Url)[] hosts =
        [
            await h.StartServerAsync(2, store, outputs, settings),
            await h.StartServerAsync(2, store, outputs, settings, url: $"http://127.0.0.1:{webhookPort}"),
            await h.StartServerAsync(2, store, outputs, settings),
        ];
        var submittedBy = new Dictionary<string, int>();
        for (int i = 0; i < 9; i++)
        {
            submittedBy[await h.SubmitToServerAsync(hosts[i % 3].Url, Model, new JsonObject { ["prompt"] = $"scale-out job {i}", ["duration"] = 6 })] = i % 3;
        }

        // Host 0 dies once some work is done, with jobs queued and at the provider.
        await h.WaitUntilAsync(async () => (await h.StatsAsync())["total_submissions"]!.GetValue<int>() >= 3, "three submissions");
        await hosts[0].Process.KillAsync();
        string watched = submittedBy.First(j => j.Value == 2).Key;
        Task<List<string>> events = WatchAsync(h, hosts[1].Url, watched);

        await using var check = SqlJobStore.Postgres(store);
        await h.WaitUntilAsync(async () => (await check.ListAsync("local", null, 100, h.Token)).Count(j => j.IsTerminal || j.State == JobState.NeedsDecision) == 9, "every job to settle");

        // Completed, or (a POST the kill cut before it left host 0) waiting for a decision, never created.
        IReadOnlyList<JobRecord> all = await check.ListAsync("local", null, 100, h.Token);
        all.ShouldAllBe(j => j.State == JobState.Completed || (j.State == JobState.NeedsDecision && j.PredictionId == null),
            string.Join("; ", all.Where(j => j.State != JobState.Completed).Select(j => $"{j.Id} {j.State} {j.Error?.Message}")));
        JobRecord[] jobs = [.. all.Where(j => j.State == JobState.Completed)];
        jobs.Length.ShouldBeGreaterThanOrEqualTo(8);
        JsonObject stats = await h.StatsAsync();
        stats["total_submissions"]!.GetValue<int>().ShouldBe(jobs.Length, "exactly one paid submission per job, and no 429 from the account limit");
        stats["submissions"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ShouldBe(jobs.Select(j => j.PredictionId!), ignoreOrder: true);
        stats["webhook_deliveries"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(jobs.Length);
        foreach (JobRecord job in jobs)
        {
            // Served by a host that did not submit it (and may never have held it), from the shared folder.
            string other = hosts[submittedBy[job.Id] == 1 ? 2 : 1].Url;
            byte[] served = await h.Http.GetByteArrayAsync($"{other}/v1/jobs/{job.Id}/output", h.Token);
            Convert.ToHexStringLower(SHA256.HashData(served)).ShouldBe(job.Outputs[0].Sha256);
            job.Outputs[0].LocalPath!.ShouldStartWith(outputs);
        }

        (await events).ShouldContain("completed", $"SSE on another host: {string.Join(",", await events)}");
        hosts[1].Process.HasExited.ShouldBeFalse(hosts[1].Process.StandardError);
        hosts[2].Process.HasExited.ShouldBeFalse(hosts[2].Process.StandardError);
    }

    // The states a host streams over SSE for a job it did not submit, until the stream ends.
    private static async Task<List<string>> WatchAsync(CrashHarness h, string host, string jobId)
    {
        var states = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host}/v1/jobs/{jobId}/events");
        using HttpResponseMessage response = await h.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, h.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(h.Token));
        while (await reader.ReadLineAsync(h.Token) is string line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && JsonNode.Parse(line[5..])?["state"]?.GetValue<string>() is string state)
            {
                states.Add(state);
            }
        }

        return states;
    }
}

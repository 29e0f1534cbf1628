using System.Net;
using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Cli;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// A running server over a plugins directory of its own: a changed pricing file and a removed folder take effect
/// without a restart (the directory is watched), the CLI on the same folder gives the same answers, and an
/// explicit reload (HTTP and `plugins reload`) reports what changed.
/// </summary>
public sealed class ServerPluginReloadTests : IDisposable
{
    private static readonly Uri Estimate = new("/v1/estimate", UriKind.Relative);
    private static readonly Uri Validate = new("/v1/validate", UriKind.Relative);
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "videostudio-reload-" + Guid.NewGuid().ToString("N"));
    private readonly string data = Path.Combine(Path.GetTempPath(), "videostudio-reload-data-" + Guid.NewGuid().ToString("N"));

    public ServerPluginReloadTests() => PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins"), plugins);

    public void Dispose()
    {
        foreach (string dir in new[] { plugins, data })
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

    private static async Task<decimal?> ServerPriceAsync(ServerHarness h)
    {
        HttpResponseMessage response = await h.Client().PostAsync(Estimate, ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        return (await h.JsonAsync(response))["totalUsd"]?.GetValue<decimal>();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken ct)
    {
        T value = await read();
        for (int i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(100, ct);
            value = await read();
        }

        return value;
    }

    [Fact]
    public async Task Serve_PricingFileChanged_ServerAndCliQuoteTheNewPriceWithoutRestart()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins);
        (await ServerPriceAsync(h)).ShouldBe(0.04m);

        PluginFolderFiles.EditJson(Path.Combine(plugins, "Ltx2", "models", "ltx-2-fast-text-to-video.pricing.json"), p => p["rate"] = new JsonObject { ["usd"] = 0.05 });
        decimal? server = await EventuallyAsync(() => ServerPriceAsync(h), p => p == 0.05m, h.Token);
        CliRun.Outcome cli = await CliRun.RunAsync(data, "estimate", ServerHarness.Model, "--input", ServerHarness.T2V().ToJsonString(), "--plugins-dir", plugins, "--json");

        server.ShouldBe(0.05m);
        cli.ExitCode.ShouldBe(0, cli.StandardError);
        cli.Json["totalUsd"]!.GetValue<decimal>().ShouldBe(0.05m);
    }

    [Fact]
    public async Task Serve_PluginFolderRemoved_ItsModelsAreUnknownWithoutRestart()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins);
        const string hunyuan = "wavespeed-ai/hunyuan-video-1.5/text-to-video";
        object body = new { model = hunyuan, input = new { prompt = "p" } };
        (await h.Client().PostAsync(Validate, ServerHarness.Body(body), h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Directory.Delete(Path.Combine(plugins, "Hunyuan"), recursive: true);
        HttpStatusCode status = await EventuallyAsync(async () => (await h.Client().PostAsync(Validate, ServerHarness.Body(body), h.Token)).StatusCode, s => s != HttpStatusCode.OK, h.Token);

        status.ShouldBe(HttpStatusCode.NotFound);
        (await h.Client().PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(body), h.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PluginsReload_AgainstRunningServer_ReportsTheNewGeneration()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins);

        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/plugins/reload", UriKind.Relative), null, h.Token);
        JsonNode http = await h.JsonAsync(response);
        CliRun.Outcome cli = await CliRun.RunAsync(data, "plugins", "reload", "--server", h.BaseAddress.ToString(), "--json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        http["plugins"]!.AsArray().Count.ShouldBe(Directory.GetDirectories(plugins).Count(d => File.Exists(Path.Combine(d, "plugin.json"))));
        cli.ExitCode.ShouldBe(0, cli.StandardError);
        cli.Json["generation"]!.GetValue<long>().ShouldBeGreaterThan(http["generation"]!.GetValue<long>());
    }
}

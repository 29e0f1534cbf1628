using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// A model whose schema declares an image or audio output (<c>x-output.kind</c>), end to end over real HTTP: the
/// simulator returns a PNG or WAV, the engine downloads it, stores it with that extension and records its content
/// type, and the server serves it with that type and a matching file name.
/// </summary>
public sealed class ServerOutputKindTests : IDisposable
{
    private const string Model = "test/hunyuan-still";
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "videostudio-output-kinds-" + Guid.NewGuid().ToString("N"));

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

    // The built-in Hunyuan text-to-video model, renamed, declaring an output of another kind.
    private void WriteModelReturning(string kind, string root = "")
    {
        string folder = Path.Combine(plugins, root, "Still");
        PluginFolderFiles.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "Hunyuan"), folder);
        string schema = "";
        PluginFolderFiles.EditJson(Path.Combine(folder, "plugin.json"), m =>
        {
            m["id"] = "test.still";
            JsonNode model = m["models"]!.AsArray()[0]!.DeepClone();
            model["id"] = Model;
            model["aliases"] = new JsonArray();
            schema = model["schema"]!.GetValue<string>();
            m["models"] = new JsonArray(model);
        });
        if (kind == "video")
        {
            return;
        }

        PluginFolderFiles.EditJson(Path.Combine(folder, schema), s => s["x-output"] = new JsonObject
        {
            ["kind"] = kind,
            ["size"] = new JsonArray(new JsonObject { ["field"] = "size" }),
            ["seconds"] = new JsonArray(new JsonObject { ["field"] = "duration" }),
        });
    }

    [Theory]
    [InlineData("image", "image/png", ".png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData("audio", "audio/wav", ".wav", new byte[] { 0x52, 0x49, 0x46, 0x46 })]
    public async Task Job_ModelDeclaringNonVideoOutput_DownloadedStoredAndServedAsThatKind(string kind, string contentType, string extension, byte[] magic)
    {
        WriteModelReturning(kind);
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: plugins, simulatorPluginsDirectory: plugins);
        HttpClient client = h.Client();
        var input = new { prompt = "a paper boat on a rain-soaked street", size = "720*1280", duration = 5 };

        HttpResponseMessage submitted = await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = Model, input }), h.Token);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync(h.Token));
        string id = (await h.JsonAsync(submitted))["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));
        HttpResponseMessage output = await client.GetAsync(new Uri($"/v1/jobs/{id}/output", UriKind.Relative), h.Token);

        job["state"]!.GetValue<string>().ShouldBe("completed", job.ToJsonString());
        JsonNode stored = job["outputs"]![0]!;
        stored["remoteUrl"]!.GetValue<string>().ShouldEndWith(extension);
        stored["contentType"]!.GetValue<string>().ShouldBe(contentType);
        stored["localPath"].ShouldBeNull("an answer never carries a server path");
        string path = (await h.App.Services.GetRequiredService<IVideoJobs>().GetAsync(id, "local", h.Token))!.Outputs[0].LocalPath!;
        path.ShouldEndWith(extension);
        File.ReadAllBytes(path)[..4].ShouldBe(magic);
        output.StatusCode.ShouldBe(HttpStatusCode.OK);
        output.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        output.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        output.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe($"a-paper-boat-on-a-rain-soaked-street-hunyuan-still-{id[^8..]}{extension}");
        (await output.Content.ReadAsByteArrayAsync(h.Token)).ShouldBe(File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Job_ProviderServesAnotherKindThanDeclared_FailsNamingBoth()
    {
        // The simulator's copy of the model returns an image; the engine's copy declares a video.
        WriteModelReturning("image", "simulator");
        WriteModelReturning("video", "engine");
        await using ServerHarness h = await ServerHarness.StartAsync(pluginsDirectory: Path.Combine(plugins, "engine"), simulatorPluginsDirectory: Path.Combine(plugins, "simulator"));
        HttpClient client = h.Client();
        var input = new { prompt = "a paper boat on a rain-soaked street", size = "720*1280", duration = 5 };

        string id = (await h.JsonAsync(await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = Model, input }), h.Token)))["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        JsonNode job = await h.JsonAsync(await client.GetAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token));

        job["state"]!.GetValue<string>().ShouldBe("failed");
        job["error"]!["code"]!.GetValue<string>().ShouldBe("download_failed");
        job["error"]!["message"]!.GetValue<string>().ShouldContain("served 'image/png', not the video the model declares");
    }

    [Fact]
    public async Task Job_VideoModel_Mp4NamedFromPromptModelAndId()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        HttpClient client = h.Client();

        string id = (await h.JsonAsync(await client.PostAsync(new Uri("/v1/jobs", UriKind.Relative), ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token)))["id"]!.GetValue<string>();
        await ServerJobTests.ReadEventsAsync(client, $"/v1/jobs/{id}/events", h.Token);
        HttpResponseMessage output = await client.GetAsync(new Uri($"/v1/jobs/{id}/output", UriKind.Relative), h.Token);

        output.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        // Named from the prompt (cut at a word's end), the model's short name and the end of the id.
        output.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"a-paper-boat-drifting-down-a-gutter-ltx-2-fast-{id[^8..]}.mp4");
    }
}
